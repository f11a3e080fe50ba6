package io.procmesh.launcher.alert;

import com.fasterxml.jackson.databind.JavaType;
import io.procmesh.core.channel.InboundChannel;
import io.procmesh.core.channel.InboundListener;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.message.DecodeResult;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.message.MessageKind;
import io.procmesh.core.rpc.JsonPayloads;

import java.io.IOException;

/**
 * Reads the {@code alerts} topic in order, from after a given index. A document that is not an alert (another
 * writer's, or damaged) is skipped and counted, never fatal.
 */
public final class AlertReader implements AutoCloseable
{
    private final InboundChannel channel;
    private final JsonPayloads json = new JsonPayloads();
    private final JavaType alertType = json.type(Alert.class);
    private final Listener listener = new Listener();
    private long skipped;

    /**
     * @param afterIndex the index of the last alert already handled, or -1 for all.
     */
    public AlertReader(final DataDirectory dataDirectory, final long afterIndex)
    {
        this.channel = InboundChannel.after(dataDirectory.topic(Alerts.TOPIC),
            new EnvelopeCodec(Configuration.maxPayloadBytes()), afterIndex);
    }

    /**
     * @return the next alert, or null if there is none yet; its index is {@link #lastIndex()}.
     */
    public Alert next()
    {
        while (true)
        {
            listener.alert = null;
            listener.read = false;
            if (channel.poll(listener) == 0)
            {
                return null;
            }
            if (listener.alert != null)
            {
                return listener.alert;
            }
            skipped++;
        }
    }

    /**
     * @return the topic index of the alert {@link #next()} returned last.
     */
    public long lastIndex()
    {
        return listener.index;
    }

    public long skipped()
    {
        return skipped;
    }

    @Override
    public void close()
    {
        channel.close();
    }

    private static boolean isWhole(final Alert alert)
    {
        return alert != null && alert.name() != null && alert.status() != null && alert.severity() != null &&
            alert.service() != null && alert.instance() != null && alert.detail() != null;
    }

    private final class Listener implements InboundListener
    {
        Alert alert;
        boolean read;
        long index = -1;

        @Override
        public void onEnvelope(final Envelope envelope, final long index)
        {
            this.index = index;
            read = true;
            // The topic is any process's to publish to: only a whole Alert is one.
            if (envelope.kind() == MessageKind.EVENT && "Alert".contentEquals(envelope.operation()))
            {
                try
                {
                    final Alert read = json.read(envelope.payload(), alertType);
                    alert = isWhole(read) ? read : null;
                }
                catch (final IOException | RuntimeException ex)
                {
                    alert = null;
                }
            }
        }

        @Override
        public void onDecodeError(final DecodeResult result, final long index)
        {
            this.index = index;
            read = true;
        }
    }
}
