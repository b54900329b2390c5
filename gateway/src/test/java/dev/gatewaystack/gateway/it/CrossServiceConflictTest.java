package dev.gatewaystack.gateway.it;

import dev.gatewaystack.gateway.GatewayGenerator;
import dev.gatewaystack.gateway.deployment.GatewayTarget;
import dev.gatewaystack.gateway.plan.RouteConflictException;
import dev.gatewaystack.route.model.ManifestFiles;
import dev.gatewaystack.route.model.ServiceManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "done when" of the gateway: two services compiled separately (as two Maven modules are), each valid on its
 * own, whose routes clash; rendering the gateway from their manifests fails and names both Java methods.
 */
class CrossServiceConflictTest {
    @TempDir
    Path dir;

    @Test
    void samePathAndMethodInTwoServicesFailsNamingBothMethods() throws Exception {
        List<ServiceManifest> manifests = List.of(
                compileService("orders", Map.of("shop/orders/OrdersHandler.java", """
                        package shop.orders;
                        import dev.gatewaystack.route.*;
                        import io.helidon.webserver.http.*;
                        @Upstream(service = "orders-service")
                        public class OrdersHandler {
                            @Route(path = "/shop/orders/{id}", methods = HttpMethod.GET)
                            public void show(ServerRequest req, ServerResponse res, @PathParam("id") long id) { }
                        }
                        """)),
                compileService("billing", Map.of("shop/billing/BillingHandler.java", """
                        package shop.billing;
                        import dev.gatewaystack.route.*;
                        import io.helidon.webserver.http.*;
                        @Upstream(service = "billing-service")
                        public class BillingHandler {
                            @Route(path = "/shop/orders/{orderId}", methods = {HttpMethod.GET, HttpMethod.POST})
                            public void invoiceOf(ServerRequest req, ServerResponse res, @PathParam String orderId) { }
                        }
                        """)));

        RouteConflictException e = assertThrows(RouteConflictException.class,
                () -> GatewayGenerator.generate(manifests, GatewayTarget.compose(), dir.resolve("nginx")));
        assertTrue(e.getMessage().contains("shop.orders.OrdersHandler#show"), e.getMessage());
        assertTrue(e.getMessage().contains("shop.billing.BillingHandler#invoiceOf"), e.getMessage());
        assertTrue(e.getMessage().contains("GET"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("nginx/nginx.conf")), "nothing is written for a conflicting stack");
    }

    @Test
    void prefixRouteShadowingAnotherServiceFailsNamingBothMethods() throws Exception {
        List<ServiceManifest> manifests = List.of(
                compileService("files", Map.of("shop/files/FilesHandler.java", """
                        package shop.files;
                        import dev.gatewaystack.route.*;
                        import io.helidon.webserver.http.*;
                        @Upstream(service = "files-service")
                        public class FilesHandler {
                            @Route(path = "/shop", match = Match.PREFIX)
                            public void everything(ServerRequest req, ServerResponse res) { }
                        }
                        """)),
                compileService("cart", Map.of("shop/cart/CartHandler.java", """
                        package shop.cart;
                        import dev.gatewaystack.route.*;
                        import io.helidon.webserver.http.*;
                        @Upstream(service = "cart-service")
                        public class CartHandler {
                            @Route(path = "/shop/cart", methods = HttpMethod.PUT)
                            public void update(ServerRequest req, ServerResponse res) { }
                        }
                        """)));

        RouteConflictException e = assertThrows(RouteConflictException.class,
                () -> GatewayGenerator.generate(manifests, GatewayTarget.compose(), dir.resolve("nginx")));
        assertTrue(e.getMessage().contains("shadows"), e.getMessage());
        assertTrue(e.getMessage().contains("shop.files.FilesHandler#everything"), e.getMessage());
        assertTrue(e.getMessage().contains("shop.cart.CartHandler#update"), e.getMessage());
    }

    /** Compiles one service module with the route processor, as Maven does, and reads back its manifest. */
    private ServiceManifest compileService(String module, Map<String, String> sources) throws Exception {
        Path src = dir.resolve(module + "/src");
        Path out = dir.resolve(module + "/classes");
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-classpath",
                System.getProperty("java.class.path"), "-processor", "dev.gatewaystack.route.processor.RouteProcessor"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int exit = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertEquals(0, exit, "each service compiles on its own:\n" + diagnostics);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, null)) {
            List<ServiceManifest> manifests = ManifestFiles.loadAll(loader);
            assertEquals(1, manifests.size());
            return manifests.get(0);
        }
    }
}
