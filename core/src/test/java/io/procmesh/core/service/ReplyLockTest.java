package io.procmesh.core.service;

import io.procmesh.core.Procmesh;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.EchoJvms;
import io.procmesh.core.test.QueueLockHolderMain;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A caller's reply queue whose write lock another live process holds past {@code procmesh.queueLockTimeoutMs}
 * (250 ms), as a writer descheduled on a loaded host does: the service tries its reply again once the lock is free,
 * and the call is answered instead of waiting out its deadline (a reply lost this way failed RolloutTest in CI).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplyLockTest
{
    private static final long HELD_MS = 600;

    private final Path dataDir = TestDirectories.create("reply-lock");

    @Test
    void shouldSendTheReplyOnceAnotherWriterLetsTheLockGo() throws Exception
    {
        final Path release = dataDir.resolve("release");
        try (EchoJvms echoes = new EchoJvms(dataDir);
             Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).instanceId("reply-lock-1")))
        {
            echoes.start();
            final EchoApi api = mesh.proxy(EchoApi.class, "echo", 5_000);
            assertEquals("first", api.echo("first"), "the reply queue is open in both processes");

            try (ChildJvm holder = ChildJvm.start(QueueLockHolderMain.class, dataDir.resolve("holder.log"),
                Duration.ofSeconds(60), List.of(), new DataDirectory(dataDir).replies("reply-lock-1").toString(),
                release.toString()))
            {
                holder.awaitLogLine("LOCKED", Duration.ofSeconds(60));
                final long startNs = System.nanoTime();
                final CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> api.echo("second"));
                Thread.sleep(HELD_MS);
                Files.createFile(release);
                holder.awaitLogLine("WRITTEN", Duration.ofSeconds(30));
                assertEquals("second", call.get(10, TimeUnit.SECONDS));
                final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
                System.out.println("REPLY LOCK: answered " + tookMs + " ms after the call, the lock held " + HELD_MS +
                    " ms of it");
                assertTrue(tookMs < 5_000, tookMs + " ms: answered before the deadline, not at it");
            }
        }
    }
}
