package dev.gatewaystack.gateway.admin;

import dev.gatewaystack.route.EdgeAuth;
import dev.gatewaystack.route.Match;
import dev.gatewaystack.route.Route;
import dev.gatewaystack.route.Streaming;
import dev.gatewaystack.route.StreamingMode;
import dev.gatewaystack.route.Upstream;

import static dev.gatewaystack.route.HttpMethod.DELETE;
import static dev.gatewaystack.route.HttpMethod.GET;
import static dev.gatewaystack.route.HttpMethod.HEAD;
import static dev.gatewaystack.route.HttpMethod.PATCH;
import static dev.gatewaystack.route.HttpMethod.POST;
import static dev.gatewaystack.route.HttpMethod.PUT;

/**
 * The admin UIs of the Compose stack, served by images not built here, routed by the generated gateway config on
 * admin paths behind edge auth (role admin). Each serves itself under its path prefix (Grafana's serve_from_sub_path,
 * Kibana's basePath, Prometheus's route-prefix, RabbitMQ's management.path_prefix), so the full URI is passed on.
 * The route processor writes their manifests (external upstreams: no handlers, no Helidon routing).
 */
public final class AdminUpstreams {
    private AdminUpstreams() {
    }

    @Upstream(service = "grafana", port = 3000, external = true)
    @EdgeAuth(role = "admin")
    public interface Grafana {
        @Route(path = "/grafana", match = Match.PREFIX, methods = {GET, HEAD, POST, PUT, PATCH, DELETE}, id = "admin.grafana")
        void ui();

        /** Grafana Live (dashboard updates) upgrades to a WebSocket. */
        @Route(path = "/grafana/api/live/ws", id = "admin.grafana-live")
        @Streaming(StreamingMode.WEBSOCKET)
        void live();
    }

    @Upstream(service = "kibana", port = 5601, external = true)
    @EdgeAuth(role = "admin")
    public interface Kibana {
        @Route(path = "/kibana", match = Match.PREFIX, methods = {GET, HEAD, POST, PUT, PATCH, DELETE}, id = "admin.kibana")
        void ui();
    }

    @Upstream(service = "prometheus", port = 9090, external = true)
    @EdgeAuth(role = "admin")
    public interface Prometheus {
        @Route(path = "/prometheus", match = Match.PREFIX, methods = {GET, HEAD, POST}, id = "admin.prometheus")
        void ui();
    }

    @Upstream(service = "rabbitmq", port = 15672, external = true)
    @EdgeAuth(role = "admin")
    public interface RabbitMq {
        @Route(path = "/rabbitmq", match = Match.PREFIX, methods = {GET, HEAD, POST, PUT, DELETE}, id = "admin.rabbitmq")
        void ui();
    }
}
