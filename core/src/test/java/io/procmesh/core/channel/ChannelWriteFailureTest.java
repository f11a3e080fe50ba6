package io.procmesh.core.channel;

import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.message.MessageKind;
import io.procmesh.core.message.PayloadFormat;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A queue file that cannot back the mapped page being written, as on a full file system: here the cycle file is
 * truncated under the appender, which gives the same SIGBUS as a full tmpfs (tried by hand: docs/reliability.md).
 * The send fails with a {@link ChannelWriteException} naming the queue; the thread and the JVM go on.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChannelWriteFailureTest
{
    @Test
    void shouldFailTheSendWithAClearErrorWhenTheQueueFileCannotTakeTheBytes() throws IOException
    {
        final Path queueDir = TestDirectories.create("write-failure").resolve("queue");
        try (OutboundChannel channel = new OutboundChannel(queueDir, new EnvelopeCodec(1024)))
        {
            channel.send(envelope(1));
            truncateCycleFiles(queueDir);

            final ChannelWriteException failure = assertThrows(ChannelWriteException.class, () ->
            {
                for (int i = 2; i < 10_000; i++)
                {
                    channel.send(envelope(i));
                }
            });

            assertTrue(failure.getMessage().startsWith("cannot append to queue " + queueDir), failure.getMessage());
            assertTrue(failure.getMessage().contains("MiB free there"), failure.getMessage());
            assertInstanceOf(InternalError.class, failure.getCause());
        }
        catch (final RuntimeException closeOfABrokenQueue)
        {
            // Closing a queue whose file was cut may fail too; the send's failure above is what is under test.
            assertFalse(closeOfABrokenQueue instanceof ChannelWriteException, closeOfABrokenQueue.toString());
        }
    }

    private static Envelope envelope(final long id)
    {
        final Envelope envelope = new Envelope()
            .messageId(id)
            .kind(MessageKind.EVENT)
            .sourceInstance("writer-1")
            .targetService("audit")
            .operation("write")
            .payloadFormat(PayloadFormat.JSON);
        envelope.payload().write(new byte[512]);
        return envelope;
    }

    private static void truncateCycleFiles(final Path queueDir) throws IOException
    {
        final List<Path> cycles;
        try (Stream<Path> files = Files.list(queueDir))
        {
            cycles = files.filter(file -> file.toString().endsWith(".cq4")).toList();
        }
        assertEquals(1, cycles.size(), cycles.toString());
        try (FileChannel file = FileChannel.open(cycles.get(0), StandardOpenOption.WRITE))
        {
            file.truncate(0);
        }
    }
}
