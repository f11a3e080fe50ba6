package io.procmesh.core.service;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.channel.OutboundChannel;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.message.MessageKind;
import io.procmesh.core.message.PayloadFormat;
import io.procmesh.core.rpc.ErrorPayload;
import io.procmesh.core.rpc.JsonPayloads;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes one reply, as the dispatcher would, to a scratch queue that is deleted after, before the instance says UP.
 * <p>
 * Why: a fresh JVM's first reply loads and interprets the whole append path and JSON writer, and the class loading
 * pushes metaspace past its first collection threshold. In RolloutTest the first call to a new release took
 * 250-300 ms on a quiet 2-core host, and on a loaded one, once, past the caller's whole 2 s deadline. Paid here,
 * no caller waits for it.
 */
final class ReplyWarmUp
{
    private ReplyWarmUp()
    {
    }

    /**
     * Never fails the start: the worst a failed warm-up costs is a slow first call, so it is reported and counted.
     */
    static void run(
        final Path scratch,
        final EnvelopeCodec codec,
        final JsonPayloads json,
        final String service,
        final String instanceId,
        final ErrorHandler errorHandler)
    {
        try
        {
            final Envelope reply = new Envelope()
                .kind(MessageKind.ERROR)
                .sourceInstance(instanceId)
                .targetService(service)
                .operation("warmUp")
                .replyTo(instanceId)
                .sendTimeNs(System.nanoTime())
                .payloadFormat(PayloadFormat.JSON);
            json.write(ErrorPayload.of(service, "warmUp", new IllegalStateException("a warm-up reply")),
                reply.payload());
            try (OutboundChannel channel = new OutboundChannel(scratch, codec))
            {
                channel.send(reply);
            }
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(new IllegalStateException("reply warm-up in " + scratch + " failed; the first " +
                "reply pays for it instead", ex));
        }
        finally
        {
            try
            {
                DataDirectory.deleteTree(scratch);
            }
            catch (final IOException ex)
            {
                errorHandler.onError(new IllegalStateException("cannot delete the reply warm-up queue " + scratch,
                    ex));
            }
        }
    }
}
