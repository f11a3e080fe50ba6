package io.procmesh.core.service;

import io.procmesh.core.Procmesh;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.StuckHandlerMain;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shutdown must not unmap memory that a stuck handler still writes (issue 9, item 9), over a real JVM.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ShutdownUnderStuckHandlerTest
{
    private static final int SIGTERM_EXIT = 143;
    private static final long HANDLER_MS = 10_000;

    @Test
    void shouldExitCleanlyWhenAHandlerOutlivesTheShutdownTimeout() throws Exception
    {
        final Path dataDir = TestDirectories.create("stuck-stop");
        try (Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).instanceId("caller-1"));
             ChildJvm stuck = ChildJvm.start(StuckHandlerMain.class, dataDir.resolve("logs/stuck-1.log"),
                 Duration.ofMinutes(2), List.of("-XX:ErrorFile=" + dataDir.resolve("hs_err_pid%p.log")),
                 dataDir.toString(), "stuck-1", "200", Long.toString(HANDLER_MS + 3_000)))
        {
            stuck.awaitLogLine("READY stuck-1", Duration.ofSeconds(60));
            final CompletableFuture<Object> call = mesh.client().call("stuck", "stuck", HANDLER_MS,
                mesh.client().json().type(Object.class), 60_000);
            final InstanceSlot slot = mesh.registry().attach("stuck-1");
            Await.until(() -> slot.snapshot().requestsIn() >= 1, Duration.ofSeconds(30), "the call never arrived");

            stuck.signal("TERM");
            stuck.awaitLogLine("CLOSED stuck-1", Duration.ofSeconds(30));
            final int exit = stuck.waitForExit(Duration.ofSeconds(60));
            try (Stream<Path> files = Files.list(dataDir))
            {
                final List<Path> crashLogs =
                    files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList();
                assertTrue(crashLogs.isEmpty(), "the JVM crashed: " + crashLogs + "\n" + stuck.logText());
            }
            assertEquals(SIGTERM_EXIT, exit, stuck.logText());
            assertTrue(stuck.logText().contains("STOPPED stuck-1"), stuck.logText());
            call.cancel(true);
        }
    }
}
