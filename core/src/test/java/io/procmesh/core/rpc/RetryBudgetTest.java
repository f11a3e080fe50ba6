package io.procmesh.core.rpc;

import io.procmesh.core.Procmesh;
import io.procmesh.core.breaker.BreakerSnapshot;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.EchoJvms;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No retry storm: 20 idempotent calls are in flight to a replica (frozen with SIGSTOP so they pile up) when it is
 * killed with kill -9, in a window that has seen only about 20 other calls. The retry budget lets 3 of them go again
 * (at least 3 per window; 10% of 20 is less) and fails the rest at once, saying the budget is spent, rather than
 * doubling the load on the survivor. Every call ends; the refusals are counted in the shared breaker slot.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RetryBudgetTest
{
    private static final int CALLS = 40;
    private static final long TIMEOUT_MS = 20_000;
    private final Path dataDir = TestDirectories.create("retry-budget");

    @Test
    void shouldRetryOnlyWithinTheBudgetWhenManyCallsLoseTheirReplica() throws Exception
    {
        System.setProperty(Configuration.LOAD_BALANCING_PROP_PREFIX + "echo", "round-robin");
        final EchoJvms echoes = new EchoJvms(dataDir);
        final ExecutorService callers = Executors.newFixedThreadPool(CALLS);
        try
        {
            echoes.start("echo-1", "handled-1.txt");
            final ChildJvm frozen = echoes.start("echo-2", "handled-2.txt");
            try (Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).serviceName("budget")
                .instanceId("budget-1")))
            {
                final EchoApi api = mesh.proxy(EchoApi.class, "echo", TIMEOUT_MS);
                // Both replicas registered before this client connected: its first directory scan finds them.
                Await.sleep(500);
                frozen.signal("STOP");
                final List<CompletableFuture<String>> calls = new ArrayList<>();
                for (int i = 0; i < CALLS; i++)
                {
                    final String token = "t" + i;
                    calls.add(CompletableFuture.supplyAsync(() ->
                    {
                        try
                        {
                            api.recordIdempotently(token);
                            return "ok";
                        }
                        catch (final ServiceException ex)
                        {
                            return ex.getMessage();
                        }
                    }, callers));
                }
                // Round-robin: half of them reach the survivor and are answered; the other half wait on the frozen.
                Await.until(() -> echoes.lines("handled-1.txt") >= CALLS / 2, Duration.ofSeconds(30),
                    () -> "the survivor's half answered: " + echoes.lines("handled-1.txt"));
                frozen.kill9();

                int budgetSpent = 0;
                int succeeded = 0;
                for (final CompletableFuture<String> call : calls)
                {
                    final String outcome = call.get(TIMEOUT_MS * 2, TimeUnit.MILLISECONDS);
                    if (outcome.equals("ok"))
                    {
                        succeeded++;
                    }
                    else
                    {
                        assertTrue(outcome.contains("the retry budget of budget->echo is spent"), outcome);
                        budgetSpent++;
                    }
                }
                System.out.println("RETRY BUDGET: " + succeeded + " answered, " + budgetSpent +
                    " refused a retry, of " + CALLS);
                assertEquals(CALLS, succeeded + budgetSpent, "every call ended");
                assertTrue(budgetSpent >= CALLS / 2 - 3 - 2, "at most 3 (or 10% of the window's calls) retried: " +
                    budgetSpent + " refused");
                assertTrue(succeeded <= CALLS / 2 + 3 + 2, succeeded + " answered");
                final BreakerSnapshot breaker = mesh.breakers().snapshot(System.nanoTime()).stream()
                    .filter(b -> b.name().equals("budget->echo")).findFirst().orElseThrow();
                assertEquals(budgetSpent, breaker.retriesRefused(), breaker.toString());
            }
        }
        finally
        {
            System.clearProperty(Configuration.LOAD_BALANCING_PROP_PREFIX + "echo");
            callers.shutdownNow();
            echoes.close();
        }
    }
}
