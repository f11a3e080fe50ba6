package io.procmesh.launcher.alert;

import io.procmesh.core.channel.OutboundChannel;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.event.EventPublisher;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.rpc.JsonPayloads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the launcher raises alerts. A condition fires once while it holds and is resolved once when it clears:
 * {@code ALERT <detail> (<name>)} and {@code RESOLVED <detail> (<name>)} in the launcher's log;
 * {@link #fire} of a condition already firing does nothing, nor does {@link #resolve} of one that is not. Each event
 * is logged (ALERT or RESOLVED) and appended to the durable topic {@code topics/alerts} of the data directory, where
 * {@code procmesh alerts} reads it and the webhook finds it, across launcher restarts. What fires is remembered by
 * this launcher only: a condition still true under the next launcher fires again, which a receiver that groups by
 * labels (Alertmanager) takes as the same alert.
 */
public final class Alerts implements AlertSink, AutoCloseable
{
    public static final String TOPIC = "alerts";
    /** A service passed its restart intensity limit and is no longer restarted. */
    public static final String SERVICE_FAILED = "ServiceFailed";
    /** A service restarted half its intensity limit's worth within its window. */
    public static final String RESTART_STORM = "RestartStorm";
    /** An instance's process died without being asked to. */
    public static final String INSTANCE_DIED = "InstanceDied";
    /** An instance was killed as hung (no heartbeat) or stuck (backlog growing, nothing handled). */
    public static final String INSTANCE_HUNG = "InstanceHung";
    public static final String INSTANCE_STUCK = "InstanceStuck";
    /** A circuit breaker opened. */
    public static final String BREAKER_OPEN = "CircuitBreakerOpen";
    /** The registry was wedged by a dead lock holder and recovered. */
    public static final String REGISTRY_RECOVERED = "RegistryRecovered";
    /** The data directory's file system is low on space. */
    public static final String DISK_SPACE_LOW = "DiskSpaceLow";
    /** A rollout, or its rollback, failed and left the service between releases; resolved by one that completes. */
    public static final String ROLLOUT_FAILED = "RolloutFailed";
    /** A rollout was rolled back. */
    public static final String ROLLOUT_ROLLED_BACK = "RolloutRolledBack";
    public static final String CRITICAL = "critical";
    public static final String WARNING = "warning";
    /** How long a one-shot event matters to a receiver that resolves alerts by time. */
    static final long ONE_SHOT_MS = 300_000;
    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
    private final EventPublisher topic;
    private final Map<String, Alert> firing = new HashMap<>();

    private Alerts(final EventPublisher topic)
    {
        this.topic = topic;
    }

    /**
     * Opens the data directory's {@code alerts} topic for appending, and takes over what an earlier launcher left
     * firing there, so that its conditions are resolved when they clear.
     */
    public static Alerts open(final DataDirectory dataDirectory)
    {
        final AtomicLong ids = new AtomicLong(ThreadLocalRandom.current().nextLong());
        final Alerts alerts = new Alerts(new EventPublisher(TOPIC, "launcher",
            new OutboundChannel(dataDirectory.topic(TOPIC), new EnvelopeCodec(Configuration.maxPayloadBytes())),
            new JsonPayloads(), ids::incrementAndGet));
        try (AlertReader reader = new AlertReader(dataDirectory, -1))
        {
            Alert alert;
            while ((alert = reader.next()) != null)
            {
                if (alert.firing() && alert.endsAtMs() == 0)
                {
                    alerts.firing.put(alert.key(), alert);
                }
                else
                {
                    alerts.firing.remove(alert.key());
                }
            }
        }
        catch (final RuntimeException ex)
        {
            alerts.close();
            throw ex;
        }
        return alerts;
    }

    /**
     * Raises the condition, unless it is firing already.
     *
     * @param service  the service, or empty.
     * @param instance the instance or breaker, or empty.
     */
    @Override
    public synchronized void fire(final String name, final String severity, final String service,
        final String instance, final String detail)
    {
        final Alert alert = new Alert(name, Alert.FIRING, severity, service, instance, System.currentTimeMillis(), 0,
            detail);
        if (firing.putIfAbsent(alert.key(), alert) == null)
        {
            LOG.error("ALERT {} ({})", detail, name);
            append(alert);
        }
    }

    /**
     * An event that resolves by itself: it is sent once, firing, with the time it stops mattering.
     */
    @Override
    public synchronized void once(final String name, final String severity, final String service,
        final String detail)
    {
        final long nowMs = System.currentTimeMillis();
        LOG.error("ALERT {} ({})", detail, name);
        append(new Alert(name, Alert.FIRING, severity, service, "", nowMs, nowMs + ONE_SHOT_MS, detail));
    }

    /**
     * Resolves the condition, if it is firing.
     */
    @Override
    public synchronized void resolve(final String name, final String service, final String instance,
        final String detail)
    {
        final Alert fired = firing.remove(name + "/" + service + "/" + instance);
        if (fired != null)
        {
            LOG.info("RESOLVED {} ({})", detail, name);
            append(new Alert(name, Alert.RESOLVED, fired.severity(), service, instance, fired.startsAtMs(),
                System.currentTimeMillis(), detail));
        }
    }

    @Override
    public synchronized boolean firing(final String name, final String service, final String instance)
    {
        return firing.containsKey(name + "/" + service + "/" + instance);
    }

    private void append(final Alert alert)
    {
        try
        {
            topic.publish(alert);
        }
        catch (final RuntimeException ex)
        {
            // The log line above is the alert of last resort: supervision goes on.
            LOG.error("alert {} could not be written to the {} topic: {}", alert.key(), TOPIC, ex.toString());
        }
    }

    @Override
    public synchronized void close()
    {
        topic.close();
    }
}
