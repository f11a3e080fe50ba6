package io.procmesh.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.HttpResult;
import io.procmesh.core.test.HttpTestClient;
import io.procmesh.core.test.Ports;
import io.procmesh.core.test.Signals;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.HttpLoad;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.TestJars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `procmesh rollout` and `procmesh rollback` of the example's pricing service, against one real launcher, under
 * continuous HTTP load through the gateway: bad input refused with one line and exit 2; a release that cannot start
 * rolled back; 1.0.0 to 2.0.0 (which answers differently) with 0 failed requests and only 2.0.0 answering after;
 * the release kept by a launcher killed with kill -9 and its successor (an instance it restarts runs 2.0.0); a
 * release that fails every call rolled back during its soak; then `rollback` to 1.0.0 with 0 failed requests. A
 * caller pinned to pricing {@code ^1} (topology {@code versions:}) reaches only 1.0.0 while 2.0.0 runs beside it, and
 * fails naming the range once only 2.0.0 runs. Last, on two instances, a release that fails on the second step:
 * the first step is undone too.
 * Every release is the example's own source, compiled in the test ({@link TestJars}), 2.0.0 and the broken ones
 * changed by one line.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RolloutTest
{
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(60);
    private static final Path PRICING_SOURCES = Path.of("../examples/inventory/src/main/java/com/example/pricing");
    private static final String QUOTE = "{\"sku\": \"a\", \"qty\": 2}";
    private static final String PINNED_QUOTE = "{\"qty\": 2}";
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    /** 2 x 250 cents from 1.0.0; 2.0.0 doubles every price. */
    private static final String V1 = "500";
    private static final String V2 = "1000";
    private static final String DISCOUNT = "return qty >= 10 ? total - total / 10 : total;";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port = Ports.free();
    private final LauncherHarness harness = LauncherHarness.create("rollout", dataDir -> topology(dataDir.getParent()));

    @AfterEach
    void cleanUp()
    {
        harness.close();
    }

    private String topology(final Path directory)
    {
        final Path v1 = release(directory, "pricing-1.0.0.jar", DISCOUNT, DISCOUNT);
        final Path quoter = TestJars.compile(directory, "quoter.jar", Map.of(
            "com.example.quoter.QuoterApi", "package com.example.quoter; import java.util.concurrent.*; " +
                "public interface QuoterApi { CompletableFuture<Long> quote(int qty); }",
            "com.example.quoter.PricingClient", "package com.example.quoter; import java.util.concurrent.*; " +
                "public interface PricingClient { CompletableFuture<Long> quote(String sku, int qty); }",
            "com.example.quoter.QuoterService", "package com.example.quoter; import java.util.concurrent.*; " +
                "import io.procmesh.core.service.ServiceContext; " +
                "public final class QuoterService implements QuoterApi { private final PricingClient pricing; " +
                "public QuoterService(ServiceContext context) { " +
                "pricing = context.proxy(PricingClient.class, \"pricing\"); } " +
                "public CompletableFuture<Long> quote(int qty) { return pricing.quote(\"a\", qty); } }"));
        return String.join("\n",
            "shutdownGraceMs: 5000",
            "defaults:",
            "  jvmOptions: [-Xmx128m, -XX:+UseSerialGC]",
            "services:",
            "  pricing:",
            "    classPath: [" + v1 + "]",
            "    api: com.example.pricing.PricingApi",
            "    implementation: com.example.pricing.PricingService",
            "    version: 1.0.0",
            "    config: {unitPriceCents: 250}",
            "    rollout: {soakMs: 1500, maxErrorRate: 0.01}",
            // A caller pinned to pricing ^1: it must never reach 2.0.0, even while 2.0.0 runs beside 1.0.0.
            "  quoter:",
            "    classPath: [" + quoter + "]",
            "    api: com.example.quoter.QuoterApi",
            "    implementation: com.example.quoter.QuoterService",
            "    dependsOn: [pricing]",
            "    versions: {pricing: \"^1\"}",
            "gateway:",
            "  port: " + port,
            "  routes: []",
            "  expose: [pricing.quote, quoter.quote]",
            "");
    }

    @Test
    void shouldRollOutAndBackUnderLoadWithoutAFailedRequest() throws Exception
    {
        final Path dir = harness.directory();
        final Path v2 = release(dir, "pricing-2.0.0.jar", DISCOUNT, "return total * 2;");
        final Path noStart = release(dir, "pricing-2.1.0.jar", "this.context = context;",
            "this.context = context; if (context != null) { throw new IllegalStateException(\"broken release\"); }");
        final Path throwing = release(dir, "pricing-3.0.0.jar", DISCOUNT,
            "throw new IllegalStateException(\"broken quote\");");
        final Path secondFails = release(dir, "pricing-2.2.0.jar", "this.context = context;",
            "this.context = context; if (\"pricing-1\".equals(context.instanceId())) { " +
                "throw new IllegalStateException(\"broken on pricing-1\"); }");

        final ChildJvm first = harness.startLauncher("launcher-1.log");
        harness.awaitAll(InstanceState.UP, UP_TIMEOUT);
        try (HttpLoad load = HttpLoad.start(port, "/rpc/pricing/quote", QUOTE))
        {
            Await.until(() -> load.take().answers().containsKey(V1), Duration.ofSeconds(20), "1.0.0 answers");

            checkBadInput(v2);

            final CliResult cannotStart = rollout("2.1.0", noStart);
            assertEquals(1, cannotStart.exitCode(), cannotStart.toString());
            assertTrue(cannotStart.output().contains("rollout of pricing 1.0.0 -> 2.1.0 failed at step 1/1: pricing-2 "),
                cannotStart.toString());
            assertTrue(cannotStart.output().contains("rolled back: pricing-2 removed, pricing runs 1.0.0"),
                cannotStart.toString());
            assertOnly(load.take(), V1, "a release that cannot start never takes a call");

            final CliResult rolledOut;
            try (HttpLoad pinned = HttpLoad.start(port, "/rpc/quoter/quote", PINNED_QUOTE))
            {
                Await.until(() -> pinned.take().answers().containsKey(V1), Duration.ofSeconds(20), "quoter answers");
                rolledOut = rollout("2.0.0", v2);
                final HttpLoad.Seen seen = pinned.take();
                assertEquals(List.of(V1), List.copyOf(seen.answers().keySet()), "a caller pinned to ^1 reached " +
                    "1.0.0 only, while 2.0.0 ran beside it: " + seen.answers());
            }
            assertEquals(0, rolledOut.exitCode(), rolledOut.toString());
            assertTrue(rolledOut.output().contains("procmesh: rolled out pricing 2.0.0 (was 1.0.0): pricing-"),
                rolledOut.toString());
            final HttpLoad.Seen during = settled(load);
            assertEquals(List.of(), during.failures(), "no failed request during the rollout");
            assertTrue(during.answers().containsKey(V2), during.answers().toString());
            assertOnly(load.take(), V2, "once finished, only 2.0.0 answers");
            assertEquals(Map.of("2.0.0", 1), versions(), "status shows one instance, of 2.0.0");
            assertEquals(List.of("procmesh: pricing 1.0.0 -> 2.0.0: done"), status().lines());
            final HttpResult unpinnable = HttpTestClient.local(port, HTTP_TIMEOUT, HTTP_TIMEOUT)
                .post("/rpc/quoter/quote", PINNED_QUOTE);
            assertTrue(unpinnable.status() >= 500 && unpinnable.body().contains(
                "no UP instance of service 'pricing' in version range '^1' for operation 'quote'"), unpinnable::toString);

            survivesKilledLauncher(first, load);

            final CliResult failsCalls = rollout("3.0.0", throwing);
            assertEquals(1, failsCalls.exitCode(), failsCalls.toString());
            assertTrue(failsCalls.output().contains("rollout of pricing 2.0.0 -> 3.0.0 failed at step 1/1: "),
                failsCalls.toString());
            assertTrue(failsCalls.output().contains("calls during the soak (more than 0.01)"), failsCalls.toString());
            // The calls the new instance failed before the health check after its first error saw it are lost: a
            // release is judged on real calls, and no probe call stands in for the service's own operations.
            final HttpLoad.Seen soaked = settled(load);
            System.out.println("rollout to a release that fails its calls: " + soaked.failures().size() + " of " +
                soaked.total() + " requests failed: " + soaked.failures());
            // One client, one call at a time: the calls a health interval (100 ms) holds when the host is loaded.
            assertTrue(soaked.failures().size() <= 10, soaked.failures().toString());
            assertTrue(soaked.failures().stream().allMatch(failure -> failure.startsWith("5")),
                soaked.failures().toString());
            assertOnly(load.take(), V2, "rolled back: only 2.0.0 answers");

            final CliResult rollback = harness.cli("rollback", "pricing");
            assertEquals(0, rollback.exitCode(), rollback.toString());
            assertTrue(rollback.output().contains("procmesh: rolled back pricing 1.0.0 (was 2.0.0): "),
                rollback.toString());
            assertEquals(List.of(), settled(load).failures(), "no failed request during the rollback");
            assertOnly(load.take(), V1, "after the rollback only 1.0.0 answers");
            assertEquals(Map.of("1.0.0", 1), versions());
            final HttpResult pinnedAgain = HttpTestClient.local(port, HTTP_TIMEOUT, HTTP_TIMEOUT)
                .post("/rpc/quoter/quote", PINNED_QUOTE);
            assertEquals(200, pinnedAgain.status(), pinnedAgain::toString);
            assertEquals(V1, pinnedAgain.body().trim(), "the pinned caller reaches 1.0.0 again");

            rollsBackTheStepsDone(load, secondFails);
        }
    }

    /**
     * Two instances; the release starts on the first new one (pricing-3, beside pricing-1) and fails on the second
     * (pricing-1 again, the lowest free number): the step done is undone, pricing-3 replaced by a 1.0.0 instance.
     */
    private void rollsBackTheStepsDone(final HttpLoad load, final Path secondFails)
    {
        final CliResult scaled = harness.cli("scale", "pricing", "2");
        assertEquals(0, scaled.exitCode(), scaled.toString());
        assertEquals(List.of("pricing-1", "pricing-2"), pricingInstances());
        load.take();

        final CliResult failed = rollout("2.2.0", secondFails);
        assertEquals(1, failed.exitCode(), failed.toString());
        assertTrue(failed.output().contains("rollout of pricing 1.0.0 -> 2.2.0 failed at step 2/2: pricing-1 died: "),
            failed.toString());
        assertTrue(failed.output().contains("; rolled back: restored pricing 1.0.0 (was 2.2.0): pricing-1 pid "),
            failed.toString());
        assertTrue(failed.output().contains(" UP, replaced pricing-3"), failed.toString());
        assertEquals(List.of(), settled(load).failures(), "no failed request while the done step was undone");
        assertOnly(load.take(), V1, "rolled back: only 1.0.0 answers");
        assertEquals(Map.of("1.0.0", 2), versions());
        assertEquals(List.of("pricing-1", "pricing-2"), pricingInstances());
        assertTrue(status().output().contains("procmesh: pricing 1.0.0 -> 2.2.0: rolled back: pricing-1 died: "),
            "rollout --status");
    }

    private List<String> pricingInstances()
    {
        return harness.state().instances().stream().filter(instance -> instance.service().equals("pricing"))
            .map(LauncherState.Instance::instanceId).sorted().toList();
    }

    private void checkBadInput(final Path v2)
    {
        for (final String[] bad : new String[][]{
            {"procmesh: unknown service 'nosuch' (services: pricing, quoter, gateway)", "rollout", "nosuch", "--version",
                "2.0.0"},
            {"procmesh: --version is required: the version to roll out, e.g. --version 2.0.0", "rollout", "pricing"},
            {"procmesh: --class-path entry /no/such/pricing.jar does not exist", "rollout", "pricing", "--version",
                "2.0.0", "--class-path", "/no/such/pricing.jar"},
            {"procmesh: no completed rollout of pricing to roll back", "rollback", "pricing"}})
        {
            final CliResult result = harness.cli(List.of(bad).subList(1, bad.length).toArray(String[]::new));
            assertEquals(2, result.exitCode(), result.toString());
            assertEquals(List.of(bad[0]), result.lines(), result.toString());
        }
        assertEquals(List.of("procmesh: no rollout since the launcher started"), status().lines());
        assertTrue(Files.exists(v2));
    }

    /**
     * The launcher is killed with kill -9; the next one adopts pricing's instance and keeps 2.0.0 as its release:
     * the instance, killed in turn, comes back as 2.0.0, and `rollback` still knows 1.0.0.
     */
    private void survivesKilledLauncher(final ChildJvm first, final HttpLoad load) throws Exception
    {
        first.kill9();
        final ChildJvm second = harness.startLauncher("launcher-2.log");
        second.awaitLogLine("procmesh: all 3 instances UP", UP_TIMEOUT);
        assertTrue(second.logText().contains("(3 adopted from an earlier launcher)"), second.logText());
        final String pricing = harness.state().instances().stream()
            .filter(instance -> instance.service().equals("pricing")).findFirst().orElseThrow().instanceId();
        final long pid = harness.instance(pricing).pid();
        Signals.require(pid, "KILL");
        Await.until(() -> harness.instance(pricing).pid() != pid &&
            harness.instance(pricing).state() == InstanceState.UP, UP_TIMEOUT, pricing + " restarted");
        Await.until(() -> versions().equals(Map.of("2.0.0", 1)), Duration.ofSeconds(10),
            () -> "restarted as 2.0.0: " + versions());
        settled(load);
        assertOnly(load.take(), V2, "the restarted instance runs 2.0.0");
    }

    /**
     * @return what the load saw until now and for a moment more (calls in flight when the command returned); the
     * next take, a moment later, sees only what came after.
     */
    private static HttpLoad.Seen settled(final HttpLoad load)
    {
        Await.sleep(500);
        final HttpLoad.Seen seen = load.take();
        // The slowest request of each phase, printed whether it passes or not: how close the host came to a timeout.
        System.out.println("rollout phase: " + seen.total() + " requests, slowest " + seen.slowestMs() + " ms (sent at " +
            seen.slowestAt() + "), " + seen.failures().size() + " failed" +
            (seen.failures().isEmpty() ? "" : ", the first: " + seen.failures().get(0)));
        Await.sleep(500);
        return seen;
    }

    private CliResult rollout(final String version, final Path jar)
    {
        return harness.cli("rollout", "pricing", "--version", version, "--class-path", jar.toString());
    }

    private CliResult status()
    {
        final CliResult status = harness.cli("rollout", "--status");
        assertEquals(0, status.exitCode(), status.toString());
        return status;
    }

    private static void assertOnly(final HttpLoad.Seen seen, final String answer, final String what)
    {
        assertEquals(List.of(), seen.failures(), what);
        assertEquals(List.of(answer), List.copyOf(seen.answers().keySet()), what);
        assertTrue(seen.total() > 10, what + ": a steady load, " + seen.total() + " requests");
    }

    /**
     * @return pricing's instances UP in `procmesh status --json`, counted by their version.
     */
    private Map<String, Integer> versions()
    {
        final CliResult status = harness.cli("status", "--json");
        assertEquals(0, status.exitCode(), status.toString());
        final Map<String, Integer> versions = new TreeMap<>();
        try
        {
            for (final JsonNode row : JSON.readTree(status.output()).get("instances"))
            {
                if ("pricing".equals(row.path("service").asText()) && "UP".equals(row.path("state").asText()))
                {
                    versions.merge(row.path("version").asText(), 1, Integer::sum);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return versions;
    }

    /**
     * @return the example's pricing service compiled with one line of its PricingService replaced.
     */
    private static Path release(final Path directory, final String name, final String line, final String with)
    {
        try
        {
            final String service = Files.readString(PRICING_SOURCES.resolve("PricingService.java"),
                StandardCharsets.UTF_8);
            assertTrue(service.contains(line), "the example's PricingService has: " + line);
            return TestJars.compile(directory, name, Map.of(
                "com.example.pricing.PricingApi",
                Files.readString(PRICING_SOURCES.resolve("PricingApi.java"), StandardCharsets.UTF_8),
                "com.example.pricing.PricingService", service.replace(line, with)));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
