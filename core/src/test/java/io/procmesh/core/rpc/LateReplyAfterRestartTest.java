package io.procmesh.core.rpc;

import io.procmesh.core.channel.Queues;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.message.MessageKind;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.EchoCallerMain;
import io.procmesh.core.test.EchoServiceMain;
import io.procmesh.core.test.TestDirectories;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 1, over real JVMs: a reply to a killed caller's request must not complete the call of the caller
 * restarted under the same instance id, although both calls were their process's first (same counter).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LateReplyAfterRestartTest
{
    private static final String CALLER = "order-1";

    @Test
    void shouldNotCompleteARestartedCallersCallWithTheReplyToItsPredecessor() throws IOException
    {
        final Path dataDir = TestDirectories.create("late-reply");
        final Path latch = dataDir.resolve("latch");
        final Path logs = dataDir.resolve("logs");
        try (ChildJvm echo = ChildJvm.start(EchoServiceMain.class, logs.resolve("echo-1.log"), Duration.ofMinutes(3),
                List.of(), dataDir.toString(), "echo-1", dataDir.resolve("handled.txt").toString()))
        {
            echo.awaitLogLine("READY echo-1", Duration.ofSeconds(60));
            try (ChildJvm first = ChildJvm.start(EchoCallerMain.class, logs.resolve("caller-a.log"),
                    Duration.ofMinutes(3), List.of(), dataDir.toString(), CALLER, "A", latch.toString()))
            {
                // The handler holds A's request: its reply will come after A is gone.
                Await.until(() -> Files.exists(Path.of(latch + ".entered")), Duration.ofSeconds(60),
                    "the handler never started on A's request; A's log:\n" + first.logText());
                first.kill9();
            }
            try (ChildJvm second = ChildJvm.start(EchoCallerMain.class, logs.resolve("caller-b.log"),
                    Duration.ofMinutes(3), List.of(), dataDir.toString(), CALLER, "B"))
            {
                // B's request must be queued behind A's before A's reply is written, so B is waiting for it.
                final Path inbox = new DataDirectory(dataDir).inbox("echo", "echo-1");
                Await.until(() -> requestsFrom(inbox) >= 2, Duration.ofSeconds(60),
                    "B's request never reached the inbox; B's log:\n" + second.logText());
                Files.createFile(latch);

                second.awaitLogLine("RESULT", Duration.ofSeconds(60));
                assertTrue(second.logText().contains("RESULT B"),
                    "the restarted caller got another call's reply:\n" + second.logText());
                assertTrue(second.waitForExit(Duration.ofSeconds(30)) == 0, second.logText());
            }
        }
    }

    private static int requestsFrom(final Path inbox)
    {
        final EnvelopeCodec codec = new EnvelopeCodec(1 << 20);
        final Envelope envelope = new Envelope();
        int requests = 0;
        try (ChronicleQueue queue = Queues.open(inbox); ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return requests;
                    }
                    codec.decode(dc.wire().bytes(), envelope);
                    if (envelope.kind() == MessageKind.REQUEST && CALLER.contentEquals(envelope.sourceInstance()))
                    {
                        requests++;
                    }
                }
            }
        }
    }
}
