package io.procmesh.benchmarks.roundtrip.procmesh;

import io.procmesh.core.agent.Agent;
import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.channel.InboundChannel;
import io.procmesh.core.channel.InboundListener;
import io.procmesh.core.channel.OutboundChannel;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.message.DecodeResult;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.message.MessageKind;
import io.procmesh.core.message.PayloadFormat;
import io.procmesh.core.registry.InstanceSlot;
import net.openhft.chronicle.bytes.Bytes;

/**
 * A RAW echo on procmesh's own channels: what {@code ServiceHost}'s read loop does per request (slot counters,
 * expiry check, reply envelope to the caller's reply queue) without the JSON and reflection dispatch, since core
 * has no raw handler API yet. It shows what such an API would cost; it skips only the message-id de-duplication
 * window, which core keeps package-private.
 */
final class ChannelEchoAgent implements Agent, InboundListener
{
    private static final int BATCH = 32;

    private final String instanceId;
    private final InboundChannel inbox;
    private final DataDirectory dataDirectory;
    private final EnvelopeCodec codec;
    private final InstanceSlot slot;
    private final ErrorHandler errorHandler;
    private final Envelope reply = new Envelope();
    private final StringBuilder lastReplyTo = new StringBuilder();
    private OutboundChannel replyChannel;

    ChannelEchoAgent(
        final String instanceId,
        final InboundChannel inbox,
        final DataDirectory dataDirectory,
        final EnvelopeCodec codec,
        final InstanceSlot slot,
        final ErrorHandler errorHandler)
    {
        this.instanceId = instanceId;
        this.inbox = inbox;
        this.dataDirectory = dataDirectory;
        this.codec = codec;
        this.slot = slot;
        this.errorHandler = errorHandler;
    }

    @Override
    public int doWork()
    {
        int work = 0;
        while (work < BATCH && inbox.poll(this) > 0)
        {
            work++;
        }
        return work;
    }

    @Override
    public String roleName()
    {
        return "bench-channel-echo-" + instanceId;
    }

    @Override
    public void onEnvelope(final Envelope request, final long index)
    {
        slot.incrementRequestsIn();
        slot.lastHandledIndex(index);
        if (request.kind() != MessageKind.REQUEST || request.isExpired(System.nanoTime()))
        {
            slot.incrementTimeouts();
            return;
        }
        reply.reset()
            .messageId(request.messageId())
            .kind(MessageKind.RESPONSE)
            .correlationId(request.correlationId())
            .sourceInstance(instanceId)
            .targetService(EchoApi.SERVICE)
            .operation(request.operation())
            .replyTo(request.replyTo())
            .sendTimeNs(System.nanoTime())
            .payloadFormat(PayloadFormat.RAW);
        reply.trace().copyFrom(request.trace());
        final Bytes<?> payload = request.payload();
        reply.payload().write(payload, payload.readPosition(), payload.readRemaining());
        replyChannel(request.replyTo()).send(reply);
    }

    private OutboundChannel replyChannel(final CharSequence replyTo)
    {
        if (replyChannel == null || !sameChars(lastReplyTo, replyTo))
        {
            if (replyChannel != null)
            {
                replyChannel.close();
            }
            lastReplyTo.setLength(0);
            lastReplyTo.append(replyTo);
            replyChannel = new OutboundChannel(dataDirectory.replies(lastReplyTo.toString()), codec);
        }
        return replyChannel;
    }

    private static boolean sameChars(final CharSequence a, final CharSequence b)
    {
        final int length = a.length();
        if (length != b.length())
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (a.charAt(i) != b.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public void onDecodeError(final DecodeResult result, final long index)
    {
        slot.incrementDecodeErrors();
        errorHandler.onError(new IllegalArgumentException(
            roleName() + ": undecodable message at index 0x" + Long.toHexString(index) + ": " + result));
    }

    @Override
    public void onClose()
    {
        if (replyChannel != null)
        {
            replyChannel.close();
        }
        inbox.close();
    }
}
