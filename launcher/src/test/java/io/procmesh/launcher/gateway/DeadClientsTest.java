package io.procmesh.launcher.gateway;

import io.procmesh.core.Procmesh;
import io.procmesh.core.test.HttpResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 9 item 16: plain clients that connected and left keep a DOWN registry entry each. With no required
 * services configured, they must not make /health 503, and their meters must go, so the series stay bounded.
 * Against a system started by `procmesh up`; the clients are in-process Procmesh connections, each with its own
 * instance id as a separate process would have.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DeadClientsTest
{
    private static final int CLIENTS = 50;
    private static final String INSTANCE_SERIES = "procmesh_instance_";

    private GatewaySystem system;

    @AfterEach
    void stopSystem()
    {
        if (system != null)
        {
            system.close();
        }
    }

    @Test
    void shouldKeepHealthUpAndSeriesFlatAfterClientsConnectAndLeave()
    {
        system = GatewaySystem.start("dead-clients", List.of("-Dprocmesh.gateway.requiredServices="),
            (topology, port) -> { });
        final HttpResult healthBefore = system.awaitHealth(200, Duration.ofSeconds(30));
        final int seriesBefore = instanceSeries();

        for (int i = 1; i <= CLIENTS; i++)
        {
            try (Procmesh client = Procmesh.connect(new Procmesh.Context()
                .dataDir(system.harness().dataDir())
                .instanceId("client-" + i)))
            {
                client.registry();
            }
        }

        // /health answers from the view of the last registry refresh (every 100 ms), which may predate the last
        // close: wait for a view that has every client gone, or for any answer that is not 200.
        final HttpResult health = system.http().awaitGet("/health", result -> result.status() == 200 &&
            result.json().path("services").path("client").path("instances").asInt() == CLIENTS &&
            "DOWN".equals(result.json().path("services").path("client").path("state").asText()) ||
            result.status() != 200, Duration.ofSeconds(30));
        assertEquals(200, health.status(), "before: " + healthBefore + "\nafter: " + health);
        assertEquals("DOWN", health.json().path("services").path("client").path("state").asText(), health.body());
        assertEquals(seriesBefore, instanceSeries(), "instance series grew with " + CLIENTS + " departed clients");
    }

    private int instanceSeries()
    {
        final HttpResult metrics = system.http().get("/metrics");
        assertEquals(200, metrics.status(), metrics.body());
        PrometheusText.parse(metrics.body());
        return (int)metrics.body().lines().filter(line -> line.startsWith(INSTANCE_SERIES)).count();
    }
}
