#!/usr/bin/env python3
"""Writes dashboards/gatewaystack-overview.json from the panel list below (run it after editing; check-static.sh
fails when the JSON differs from what this prints). Every query may only name series the running stack exports:
scripts/e2e.sh checks them against Prometheus after traffic (scripts/series-check)."""
import json
import pathlib
import sys

DS = {"type": "prometheus", "uid": "prometheus"}
S = 'service=~"$service"'

# (row title, [(panel title, unit, description, [(expr, legend), ...]), ...])
R = "gatewaystack_route_requests_total"
H = "gatewaystack_route_duration_seconds_bucket"
ROWS = [
    ("Routes in the services (RouteMetrics: one meter family for every annotated route)", [
        ("Requests per route", "reqps", "gatewaystack_route_requests_total by manifest route id",
         [(f"sum by (service, route_id) (rate({R}{{{S}}}[$__rate_interval]))", "{{route_id}}")]),
        ("Errors (5xx) ratio per route", "percentunit", "",
         [(f'sum by (route_id) (rate({R}{{{S},status_class="5xx"}}[$__rate_interval]))'
           f" / sum by (route_id) (rate({R}{{{S}}}[$__rate_interval]))", "{{route_id}}")]),
        ("p99 latency per route", "s", "From the histogram gatewaystack_route_duration_seconds",
         [(f"histogram_quantile(0.99, sum by (le, route_id) (rate({H}{{{S}}}[$__rate_interval])))", "{{route_id}}")]),
        ("Answers per status class", "reqps", "",
         [(f"sum by (status_class) (rate({R}{{{S}}}[$__rate_interval]))", "{{status_class}}")]),
    ]),
    ("Services (Helidon)", [
        ("Requests per service", "reqps", "Helidon's own request counter (requests_count_total), all sockets",
         [(f"sum by (service) (rate(requests_count_total{{{S}}}[$__rate_interval]))", "{{service}}")]),
        ("Requests per instance", "reqps", "",
         [(f"sum by (service, instance) (rate(requests_count_total{{{S}}}[$__rate_interval]))", "{{instance}}")]),
    ]),
    ("Routes at the gateway (mtail over the JSON access log; program rendered from the route table)", [
        ("Gateway requests per route", "reqps", "gateway_route_requests_total",
         [("sum by (route_id) (rate(gateway_route_requests_total[$__rate_interval]))", "{{route_id}}")]),
        ("Gateway 5xx ratio per route", "percentunit", "",
         [('sum by (route_id) (rate(gateway_route_requests_total{status=~"5.."}[$__rate_interval]))'
           " / sum by (route_id) (rate(gateway_route_requests_total[$__rate_interval]))", "{{route_id}}")]),
        ("p99 request time per route (gateway)", "s", "",
         [("histogram_quantile(0.99, sum by (le, route_id) (rate(gateway_route_request_seconds_bucket[$__rate_interval])))",
           "{{route_id}}")]),
        ("p99 upstream time per route", "s", "",
         [("histogram_quantile(0.99, sum by (le, route_id) (rate(gateway_route_upstream_seconds_bucket[$__rate_interval])))",
           "{{route_id}}")]),
        ("Cache status per route", "reqps", "HIT / MISS / BYPASS / EXPIRED / STALE / ...",
         [("sum by (route_id, cache_status) (rate(gateway_route_cache_total[$__rate_interval]))",
           "{{route_id}} {{cache_status}}")]),
        ("Rate-limited (429 by the gateway) per route, answers outside routes", "reqps",
         "A body above the limit is refused before nginx picks the route: 413 among the unrouted answers",
         [("sum by (route_id) (rate(gateway_route_rate_limited_total[$__rate_interval]))", "429 {{route_id}}"),
          ("sum by (status) (rate(gateway_unrouted_requests_total[$__rate_interval]))", "unrouted {{status}}")]),
    ]),
    ("SLOs (@Slo on the route; rules rendered by the gateway generator)", [
        ("Share of 5xx per SLO route (1 h, 5 m)", "percentunit", "Compare with 1 - availability",
         [("gatewaystack:slo_errors:ratio_rate1h", "1h {{route_id}}"),
          ("gatewaystack:slo_errors:ratio_rate5m", "5m {{route_id}}")]),
        ("Share slower than the threshold per SLO route (1 h, 5 m)", "percentunit", "Compare with 1 - percentile",
         [("gatewaystack:slo_slow:ratio_rate1h", "1h {{route_id}}"),
          ("gatewaystack:slo_slow:ratio_rate5m", "5m {{route_id}}")]),
        ("Burn-rate alerts firing", "short", "",
         [('sum by (alertname, route_id, severity) (ALERTS{alertname=~"Route(Error|Latency)BudgetBurn",alertstate="firing"})',
           "{{alertname}} {{route_id}} {{severity}}")]),
    ]),
    ("Gateway (nginx stub_status through nginx-exporter)", [
        ("Gateway requests", "reqps", "",
         [("rate(nginx_http_requests_total[$__rate_interval])", "requests")]),
        ("Gateway connections", "short", "",
         [("nginx_connections_active", "active"), ("nginx_connections_waiting", "waiting"), ("nginx_up", "up")]),
    ]),
    ("JVM (Helidon system meters)", [
        ("Heap used", "bytes", "",
         [(f"memory_usedHeap_bytes{{{S}}}", "{{instance}}"), (f"memory_maxHeap_bytes{{{S}}}", "max {{instance}}")]),
        ("Threads and GC time", "short", "",
         [(f"thread_count{{{S}}}", "threads {{instance}}"),
          (f"rate(gc_time_seconds_total{{{S}}}[$__rate_interval])", "GC s/s {{instance}}")]),
    ]),
    ("Outbox, Kafka consumer lag, broker", [
        ("Outbox backlog", "short", "Events written in the same transaction, not yet published",
         [(f"ledger_outbox_backlog{{{S}}}", "ledger {{instance}}"), (f"auth_outbox_backlog{{{S}}}", "auth {{instance}}"),
          ("sum(rabbitmq_queue_messages_ready)", "RabbitMQ messages ready")]),
        ("Oldest unpublished ledger event, read-model lag", "short", "",
         [(f"ledger_outbox_oldest_age_seconds{{{S}}}", "oldest event age (s) {{instance}}"),
          (f"ledger_readmodel_consumer_lag{{{S}}}", "Kafka consumer lag {{instance}}")]),
        ("Read model", "ops", "Dead-lettered records need attention",
         [(f"rate(ledger_readmodel_events_applied_total{{{S}}}[$__rate_interval])", "applied {{instance}}"),
          (f"rate(ledger_readmodel_events_deadlettered_total{{{S}}}[$__rate_interval])", "dead-lettered {{instance}}")]),
        ("Logins and tokens", "ops", "",
         [(f"sum by (outcome) (rate(auth_logins_total{{{S}}}[$__rate_interval]))", "login {{outcome}}"),
          (f"sum by (grant_type) (rate(auth_tokens_issued_total{{{S}}}[$__rate_interval]))", "tokens {{grant_type}}")]),
    ]),
]


def dashboard(rows):
    panels, y, pid = [], 0, 1
    for title, row_panels in rows:
        panels.append({"type": "row", "id": pid, "title": title, "collapsed": False,
                       "gridPos": {"h": 1, "w": 24, "x": 0, "y": y}, "panels": []})
        pid, y = pid + 1, y + 1
        for i, (ptitle, unit, desc, targets) in enumerate(row_panels):
            panels.append({
                "type": "timeseries", "id": pid, "title": ptitle, "description": desc, "datasource": DS,
                "gridPos": {"h": 8, "w": 12, "x": 12 * (i % 2), "y": y + 8 * (i // 2)},
                "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
                "options": {"legend": {"displayMode": "list", "placement": "bottom"}},
                "targets": [{"refId": chr(65 + j), "datasource": DS, "expr": e, "legendFormat": lg}
                            for j, (e, lg) in enumerate(targets)],
            })
            pid += 1
        y += 8 * ((len(row_panels) + 1) // 2)
    return {
        "uid": "gatewaystack-overview", "title": "gatewaystack overview", "tags": ["gatewaystack"],
        "timezone": "browser", "schemaVersion": 39, "version": 1, "refresh": "30s",
        "time": {"from": "now-1h", "to": "now"},
        "templating": {"list": [{
            "name": "service", "type": "query", "datasource": DS,
            "query": {"query": "label_values(up, service)", "refId": "service"},
            "definition": "label_values(up, service)", "includeAll": True, "multi": True, "allValue": ".*",
            "current": {"text": "All", "value": "$__all"}, "refresh": 2}]},
        "annotations": {"list": []},
        "panels": panels,
    }


if __name__ == "__main__":
    text = json.dumps(dashboard(ROWS), indent=2) + "\n"
    out = pathlib.Path(__file__).parent / "dashboards" / "gatewaystack-overview.json"
    if sys.argv[1:] == ["--check"]:
        sys.exit(0 if out.read_text() == text else f"{out} differs from build-dashboard.py's output: run it")
    out.write_text(text)
