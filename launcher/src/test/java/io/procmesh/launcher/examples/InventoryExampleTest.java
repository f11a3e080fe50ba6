package io.procmesh.launcher.examples;

import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.HttpResult;
import io.procmesh.core.test.HttpTestClient;
import io.procmesh.core.test.Ports;
import io.procmesh.core.test.Signals;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.testing.LauncherHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The newcomer's path, end to end: examples/inventory, a project that knows procmesh only through procmesh-core,
 * is built, run under the real launcher from its own topology (only the gateway port changed, to a free one),
 * called over HTTP through its routes, and its inventory instance killed with kill -9 and seen back with its stock.
 */
class InventoryExampleTest
{
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldRunTheExampleBehindTheGatewayAndBringAKilledInstanceBack() throws Exception
    {
        final Path project = ExampleBuild.example("inventory");
        final int port = Ports.free();
        final String topology = Files.readString(project.resolve("procmesh.yaml"), StandardCharsets.UTF_8)
            .replace("port: 8080", "port: " + port);
        assertTrue(topology.contains("port: " + port), "the example's topology names its gateway port");
        assertTrue(topology.contains("classPath: [target/" + ExampleBuild.finalName(project) + ".jar]"),
            "the topology runs the jar the example's pom builds");

        try (LauncherHarness harness = LauncherHarness.create("inventory-example", topology))
        {
            ExampleBuild.buildJar(project, harness.directory().resolve("target"), "inventory-1.0.jar");
            harness.startLauncher("launcher.log");
            harness.awaitAll(InstanceState.UP, UP_TIMEOUT);

            final HttpTestClient http = HttpTestClient.local(port, HTTP_TIMEOUT, HTTP_TIMEOUT);
            assertEquals("10", stock(http, "widget"), "a SKU never seen starts with the configured stock");

            final HttpResult reserved = http.post("/api/inventory/widget/reserve", "{\"qty\": 3}");
            assertEquals(200, reserved.status(), reserved::toString);
            assertEquals(7, reserved.json().get("remaining").asInt(), reserved::toString);
            assertEquals(750, reserved.json().get("priceCents").asLong(), "priced by the pricing service: 3 x 250");
            assertEquals("7", stock(http, "widget"));

            final HttpResult badQuantity = http.post("/api/inventory/widget/reserve", "{\"qty\": 2.9}");
            assertEquals(400, badQuantity.status(), badQuantity::toString);

            final HttpResult exposed = http.post("/rpc/inventory/stock", "\"widget\"");
            assertEquals(200, exposed.status(), exposed::toString);
            assertEquals("7", exposed.body().trim());
            final HttpResult notExposed = http.post("/rpc/inventory/reserve", "{\"sku\": \"widget\", \"qty\": 1}");
            assertEquals(404, notExposed.status(), "reserve is routed but not exposed through /rpc");
            assertTrue(!notExposed.body().contains("inventory.stock"), "a refusal lists nothing: " + notExposed.body());

            final HttpResult openApi = http.get("/openapi.json");
            assertEquals(200, openApi.status());
            assertTrue(openApi.json().get("paths").has("/api/inventory/{sku}/reserve"), openApi.body());

            final LauncherState.Instance before = harness.instance("inventory-1");
            Signals.require(before.pid(), "KILL");
            Await.until(() ->
            {
                final LauncherState.Instance now = harness.instance("inventory-1");
                return now != null && now.pid() != before.pid() && now.state() == InstanceState.UP;
            }, UP_TIMEOUT, () -> String.valueOf(harness.instance("inventory-1")));
            assertNotEquals(before.pid(), harness.instance("inventory-1").pid());
            assertEquals("7", stock(http, "widget"), "the stock survived kill -9 in the service's durable store");
        }
    }

    private static String stock(final HttpTestClient http, final String sku)
    {
        final HttpResult[] last = new HttpResult[1];
        Await.until(() ->
        {
            last[0] = http.get("/api/inventory/" + sku);
            return last[0].status() == 200;
        }, UP_TIMEOUT, () -> String.valueOf(last[0]));
        return last[0].body().trim();
    }
}
