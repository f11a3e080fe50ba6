package io.procmesh.launcher.process;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 items 15 and 18b over real processes: a stop is bounded by one deadline, and an exit is seen by polling,
 * not by onExit(), which for a process that is not our child comes up to 5 s late, or never for a zombie.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GracefulStopTest
{
    private static final long GRACE_MS = 5_000;

    private final List<Long> started = new ArrayList<>();

    @AfterEach
    void cleanUp()
    {
        for (final long pid : started)
        {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void shouldStopAnAdoptedProcessWhoseExitIsSeenLateInUnderOneSecond()
    {
        final ProcessHandle orphan = orphanSleep();
        // What onExit() gives for a non-child adopted minutes ago: the JDK polls it with a sleep grown to 5 s.
        final ChildProcess seenLate = new SeenLate(new AdoptedChild(orphan));
        final long startNs = System.nanoTime();
        final List<String> survivors = GracefulStop.stop(
            List.of(List.of(new GracefulStop.Target("late-1", seenLate))), GRACE_MS);
        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);

        assertEquals(List.of(), survivors);
        assertFalse(seenLate.isAlive());
        assertTrue(tookMs < 1_000, "took " + tookMs + " ms");
    }

    @Test
    void shouldCountAnAdoptedZombieAsStoppedAtOnce()
    {
        try (Zombie zombie = new Zombie())
        {
            assertTrue(zombie.handle().isAlive(), "the JDK calls a zombie alive");
            final long startNs = System.nanoTime();
            final List<String> survivors = GracefulStop.stop(
                List.of(List.of(new GracefulStop.Target("zombie-1", new AdoptedChild(zombie.handle())))), GRACE_MS);
            final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);

            assertEquals(List.of(), survivors);
            assertTrue(tookMs < 1_000, "took " + tookMs + " ms");
        }
    }

    @Test
    void shouldBoundTheWholeStopByOneGracePeriodHoweverManyLayers()
    {
        final long graceMs = 1_000;
        final List<List<GracefulStop.Target>> layers = new ArrayList<>();
        for (int layer = 1; layer <= 3; layer++)
        {
            layers.add(List.of(new GracefulStop.Target("deaf-" + layer, new SpawnedChild(ignoringTerm(), false))));
        }

        final long startNs = System.nanoTime();
        final List<String> survivors = GracefulStop.stop(layers, graceMs);
        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);

        assertEquals(List.of(), survivors, "SIGKILL ends them");
        // One grace period in all, not one per layer (3 s); the rest is SIGKILL and a 20 ms poll per layer.
        assertTrue(tookMs < 2 * graceMs, "took " + tookMs + " ms");
    }

    /**
     * An adopted process whose onExit() completes 5 s after it exits.
     */
    private record SeenLate(ChildProcess process) implements ChildProcess
    {
        @Override
        public long pid()
        {
            return process.pid();
        }

        @Override
        public boolean isAlive()
        {
            return process.isAlive();
        }

        @Override
        public void terminate()
        {
            process.terminate();
        }

        @Override
        public void kill()
        {
            process.kill();
        }

        @Override
        public CompletableFuture<?> onExit()
        {
            return process.onExit().thenCompose(exited -> CompletableFuture.runAsync(() ->
            {
            }, CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS)));
        }

        @Override
        public String exitDescription()
        {
            return process.exitDescription();
        }
    }

    /**
     * @return a `sleep` whose parent has exited: not this JVM's child.
     */
    private ProcessHandle orphanSleep()
    {
        try
        {
            final Process shell = new ProcessBuilder("sh", "-c", "sleep 120 >/dev/null 2>&1 & echo $!").start();
            final String pid = new String(shell.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            shell.waitFor(10, TimeUnit.SECONDS);
            final ProcessHandle orphan = ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
            started.add(orphan.pid());
            assertFalse(ProcessHandle.current().children().anyMatch(child -> child.pid() == orphan.pid()));
            return orphan;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /**
     * @return a child of this JVM that ignores SIGTERM, as a service stuck in its stop hook does.
     */
    private Process ignoringTerm()
    {
        try
        {
            final Process process = new ProcessBuilder("sh", "-c", "trap '' TERM; while true; do sleep 1; done")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
            started.add(process.pid());
            return process;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
