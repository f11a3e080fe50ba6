package io.procmesh.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.procmesh.core.Procmesh;
import io.procmesh.core.breaker.BreakerSettings;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.rpc.CircuitOpenException;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.HttpResult;
import io.procmesh.core.test.HttpTestClient;
import io.procmesh.core.test.Ports;
import io.procmesh.core.test.Signals;
import io.procmesh.launcher.gateway.GatewayConfiguration;
import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.LookupApi;
import io.procmesh.launcher.testing.LookupService;
import io.procmesh.launcher.testing.TopologyYaml;
import io.procmesh.services.user.UserApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A circuit breaker shared by two replicas of a caller, over real JVMs under one launcher: lookup-1 and lookup-2
 * call the user service, which is frozen with SIGSTOP. The first calls time out at lookup's 1 s deadline; then the
 * breaker lookup->user opens, and every later call through either replica fails at once with 503 and Retry-After,
 * long before the deadline, as do the calls of a third replica started then; status, /services, /metrics and the
 * launcher's ALERT line show it. After SIGCONT the
 * half-open trial calls close it again, and the launcher logs it RESOLVED.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BreakerTest
{
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(90);
    private static final long LOOKUP_DEADLINE_MS = 1_000;
    private static final String USER_BREAKER = "minimumCalls=6,failureRate=50,waitMs=2000,halfOpenCalls=2";
    private static final String USER_BREAKER_TEXT = BreakerSettings.parse("test", USER_BREAKER).toText();
    private static final int WARM_CALLS = 5;
    private static final int FROZEN_CALLS = 8;
    private static final int REFUSED_CALLS = 20;
    private final int port = Ports.free();
    private final LauncherHarness harness = LauncherHarness.create("breaker", dataDir -> TopologyYaml.withGrace(5_000)
        .defaults("jvmOptions", "[-Xmx128m, -XX:+UseSerialGC]")
        // The frozen user must not be killed as hung while the test holds it.
        .defaults("health", "{heartbeatTimeoutMs: 120000, stuckAfterMs: 120000}")
        .demoService("user", "breaker: {" + USER_BREAKER.replace("=", ": ").replace(",", ", ") + "}")
        .implementation("lookup", LookupApi.class, LookupService.class, "instances: 2",
            "loadBalancing: round-robin", "dependsOn: [user]",
            "jvmOptions: [-Dprocmesh.defaultDeadlineMs=" + LOOKUP_DEADLINE_MS + "]")
        .gateway(port, List.of(), List.of("user.create", "lookup.nameOf"),
            List.of("-D" + GatewayConfiguration.DEADLINE_MS_PROP_NAME + "=5000"))
        .yaml());
    private final HttpTestClient http = HttpTestClient.local(port, Duration.ofSeconds(5), Duration.ofSeconds(10));
    private long userPid;

    @AfterEach
    void cleanUp()
    {
        if (userPid > 0)
        {
            Signals.send(userPid, "CONT");
        }
        harness.close();
    }

    @Test
    void shouldOpenForEveryReplicaOfTheCallerFailFastAndCloseAgainThroughTrialCalls() throws Exception
    {
        final ChildJvm launcher = harness.startLauncher("launcher.log");
        harness.awaitAll(InstanceState.UP, UP_TIMEOUT);
        final HttpResult created = http.post("/rpc/user/create", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}");
        assertEquals(200, created.status(), created.toString());
        final String lookup = "\"" + created.json().get("id").asText() + "\"";
        // Few enough that the frozen calls are most of the window's calls.
        final long[] servedMs = new long[WARM_CALLS];
        for (int i = 0; i < WARM_CALLS; i++)
        {
            final Timed timed = Timed.post(http, "/rpc/lookup/nameOf", lookup);
            assertEquals("\"Ada\"", timed.result.body());
            servedMs[i] = timed.millis;
        }
        Arrays.sort(servedMs);
        System.out.println("BREAKER served calls through the gateway before the freeze: p50 " +
            servedMs[WARM_CALLS / 2] + " ms, max " + servedMs[WARM_CALLS - 1] + " ms");

        userPid = harness.instance("user-1").pid();
        Signals.require(userPid, "STOP");
        // kill(1) returns once the signal is sent; the calls below must not reach user-1 before it is stopped.
        final long stopped = userPid;
        Await.until(() -> isStopped(stopped), Duration.ofSeconds(10), () -> "user-1 pid " + stopped + " not stopped");
        final List<CompletableFuture<Timed>> frozen = new ArrayList<>();
        for (int i = 0; i < FROZEN_CALLS; i++)
        {
            frozen.add(CompletableFuture.supplyAsync(() -> Timed.post(http, "/rpc/lookup/nameOf", lookup)));
        }
        for (final CompletableFuture<Timed> call : frozen)
        {
            final Timed timed = call.get(30, TimeUnit.SECONDS);
            assertEquals(504, timed.result.status(), timed.result.toString());
            assertTrue(timed.millis >= LOOKUP_DEADLINE_MS - 50, "timed out at lookup's deadline: " + timed.millis);
        }

        final JsonNode opened = breaker("lookup->user");
        assertEquals("OPEN", opened.get("state").asText(), opened.toString());
        final long[] refusedMs = new long[REFUSED_CALLS];
        for (int i = 0; i < REFUSED_CALLS; i++)
        {
            final Timed timed = Timed.post(http, "/rpc/lookup/nameOf", lookup);
            assertEquals(503, timed.result.status(), timed.result.toString());
            assertTrue(timed.result.json().get("error").asText().contains("circuit breaker lookup->user is open"),
                timed.result.toString());
            assertNotNull(timed.result.header("retry-after"), timed.result.toString());
            refusedMs[i] = timed.millis;
        }
        Arrays.sort(refusedMs);
        System.out.println("BREAKER refused calls through the gateway: p50 " + refusedMs[REFUSED_CALLS / 2] +
            " ms, max " + refusedMs[REFUSED_CALLS - 1] + " ms; frozen calls took " + LOOKUP_DEADLINE_MS + " ms+");
        // Far below the deadline the calls would otherwise wait: refused by the caller without sending.
        assertTrue(refusedMs[REFUSED_CALLS - 1] < LOOKUP_DEADLINE_MS / 2, Arrays.toString(refusedMs));

        newReplicaSeesItOpen();

        final JsonNode refused = breaker("lookup->user");
        assertTrue(refused.get("notPermitted").asLong() >= REFUSED_CALLS, refused.toString());
        assertEquals(1, count(servicesJson().get("breakers"), "lookup->user"),
            "one breaker for both replicas");
        assertBothReplicasServed();
        Await.until(() -> launcher.logText().contains("ALERT circuit breaker lookup->user OPEN"),
            Duration.ofSeconds(10), () -> "no ALERT line: " + launcher.logText());
        final CliResult status = harness.cli("status");
        assertTrue(status.output().lines().anyMatch(line -> line.startsWith("lookup->user ") &&
            line.contains("OPEN")), status.toString());

        Signals.require(userPid, "CONT");
        final HttpResult served = http.awaitPost("/rpc/lookup/nameOf", lookup, result -> result.status() == 200,
            Duration.ofSeconds(30));
        assertEquals("\"Ada\"", served.body());
        // Closed by its second successful trial call: a breaker changes state only on calls.
        Await.until(() -> http.post("/rpc/lookup/nameOf", lookup).status() == 200 &&
                "CLOSED".equals(breaker("lookup->user").get("state").asText()),
            Duration.ofSeconds(30), () -> "not closed: " + breaker("lookup->user"));
        Await.until(() -> launcher.logText().contains("RESOLVED circuit breaker lookup->user CLOSED"),
            Duration.ofSeconds(10), () -> "no RESOLVED line: " + launcher.logText());
        // The gateway's meters follow its registry view's refresh, a moment after the breaker closed.
        Await.until(() -> http.get("/metrics").body().contains("procmesh_breaker_state{breaker=\"lookup->user\"} 0.0"),
            Duration.ofSeconds(10), () -> http.get("/metrics").body());
        final String metrics = http.get("/metrics").body();
        assertTrue(metrics.contains("procmesh_breaker_openings_total{breaker=\"lookup->user\"}"), metrics);
    }

    /**
     * A third replica of lookup, started now in this JVM, finds the breaker open from its first call: its calls to
     * user fail at once with CircuitOpenException, sending nothing.
     */
    private void newReplicaSeesItOpen()
    {
        // The settings the launcher gives its children; this JVM is not one.
        System.setProperty(Configuration.BREAKER_PROP_PREFIX + UserApi.SERVICE, USER_BREAKER_TEXT);
        try (Procmesh replica = Procmesh.connect(new Procmesh.Context()
            .dataDir(harness.dataDir())
            .serviceName("lookup")
            .instanceId("lookup-probe-" + ProcessHandle.current().pid())))
        {
            final UserApi users = replica.proxy(UserApi.class, UserApi.SERVICE, LOOKUP_DEADLINE_MS);
            final long[] refusedUs = new long[REFUSED_CALLS];
            for (int i = 0; i < REFUSED_CALLS; i++)
            {
                final long startNs = System.nanoTime();
                final CircuitOpenException refused = assertThrows(CircuitOpenException.class, () -> users.get("u"));
                refusedUs[i] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNs);
                assertEquals("lookup->user", refused.breaker());
                assertTrue(refused.retryAfterMs() <= 2_000, refused.getMessage());
            }
            Arrays.sort(refusedUs);
            System.out.println("BREAKER refused calls in a new replica of the caller: p50 " +
                refusedUs[REFUSED_CALLS / 2] + " us, max " + refusedUs[REFUSED_CALLS - 1] + " us");
            assertTrue(refusedUs[REFUSED_CALLS - 1] < TimeUnit.MILLISECONDS.toMicros(LOOKUP_DEADLINE_MS) / 10,
                Arrays.toString(refusedUs));
        }
        finally
        {
            System.clearProperty(Configuration.BREAKER_PROP_PREFIX + UserApi.SERVICE);
        }
    }

    /**
     * @return whether /proc says the process is stopped (state T).
     */
    private static boolean isStopped(final long pid)
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'T';
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private void assertBothReplicasServed()
    {
        final JsonNode instances = servicesJson().get("instances");
        for (final JsonNode instance : instances)
        {
            if (List.of("lookup-1", "lookup-2").contains(instance.get("instanceId").asText()))
            {
                assertTrue(instance.get("counters").get("requestsIn").asLong() >= REFUSED_CALLS / 2,
                    "round-robin: each replica refused its share: " + instance);
            }
        }
    }

    private JsonNode servicesJson()
    {
        final HttpResult services = http.get("/services");
        assertEquals(200, services.status(), services.toString());
        return services.json();
    }

    private JsonNode breaker(final String name)
    {
        for (final JsonNode breaker : servicesJson().get("breakers"))
        {
            if (breaker.get("name").asText().equals(name))
            {
                return breaker;
            }
        }
        throw new AssertionError("no breaker " + name + " in /services");
    }

    private static long count(final JsonNode breakers, final String name)
    {
        long count = 0;
        for (final JsonNode breaker : breakers)
        {
            count += breaker.get("name").asText().equals(name) ? 1 : 0;
        }
        return count;
    }

    private record Timed(HttpResult result, long millis)
    {
        static Timed post(final HttpTestClient http, final String path, final String body)
        {
            final long startNs = System.nanoTime();
            final HttpResult result = http.post(path, body);
            return new Timed(result, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
        }
    }
}
