package io.procmesh.core.service;

import io.procmesh.core.channel.InboundChannel;
import io.procmesh.core.channel.InboundListener;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.message.DecodeResult;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.message.MessageKind;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reply queues of callers that come and go must not stay open and mapped forever (issue 9, item 10).
 * Measured on the process's own memory maps, the resource that leaked.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplyChannelsTest
{
    private final Path root = TestDirectories.create("reply-channels");
    private final DataDirectory dirs = new DataDirectory(root);
    private final EnvelopeCodec codec = new EnvelopeCodec(1024);

    @Test
    void shouldKeepAtMostMaxOpenReplyQueuesMapped()
    {
        try (ReplyChannels channels = new ReplyChannels(dirs, codec, 4, TimeUnit.HOURS.toNanos(1)))
        {
            for (int caller = 0; caller < 12; caller++)
            {
                channels.send(reply("caller-" + caller, caller));
            }
            Await.until(() -> mappedReplyQueues() <= 4, Duration.ofSeconds(20),
                "reply queues still mapped: " + mappedReplyQueues());
            channels.send(reply("caller-0", 100));
            assertEquals(List.of(0L, 100L), readReplies("caller-0"));
        }
    }

    @Test
    void shouldCloseReplyQueuesOfCallersGoneQuiet()
    {
        final long idleNs = TimeUnit.MILLISECONDS.toNanos(200);
        try (ReplyChannels channels = new ReplyChannels(dirs, codec, 64, idleNs))
        {
            for (int caller = 0; caller < 3; caller++)
            {
                channels.send(reply("caller-" + caller, caller));
            }
            channels.closeIdle(System.nanoTime() + idleNs + 1);
            Await.until(() -> mappedReplyQueues() == 0, Duration.ofSeconds(20),
                "reply queues still mapped: " + mappedReplyQueues());
            channels.send(reply("caller-1", 101));
            assertEquals(List.of(1L, 101L), readReplies("caller-1"));
        }
    }

    private static Envelope reply(final String caller, final long correlationId)
    {
        return new Envelope().kind(MessageKind.RESPONSE).correlationId(correlationId).replyTo(caller)
            .operation("op");
    }

    private List<Long> readReplies(final String caller)
    {
        final List<Long> ids = new java.util.ArrayList<>();
        try (InboundChannel in = InboundChannel.named(dirs.replies(caller), "check", codec, 0, null))
        {
            final InboundListener listener = new InboundListener()
            {
                public void onEnvelope(final Envelope envelope, final long index)
                {
                    ids.add(envelope.correlationId());
                }

                public void onDecodeError(final DecodeResult result, final long index)
                {
                    throw new AssertionError(result);
                }
            };
            while (in.poll(listener) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return ids;
    }

    /**
     * @return how many distinct reply queue directories of this test have a file mapped into this process.
     */
    private long mappedReplyQueues()
    {
        final String prefix = root.resolve("replies").toString() + "/";
        try
        {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .map(line -> line.indexOf(prefix) < 0 ? null : line.substring(line.indexOf(prefix) + prefix.length()))
                .filter(rest -> rest != null && rest.contains("/"))
                .map(rest -> rest.substring(0, rest.indexOf('/')))
                .collect(Collectors.toSet()).size();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
