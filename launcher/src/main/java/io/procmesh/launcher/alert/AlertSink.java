package io.procmesh.launcher.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What raises alerts: the supervisor and the launcher's watches call it on their own thread. {@link Alerts} keeps
 * them in the durable topic; {@link #LOG_ONLY} only logs, for a supervisor with no data directory of its own (tests).
 */
public interface AlertSink
{
    AlertSink LOG_ONLY = new AlertSink()
    {
        private final Logger log = LoggerFactory.getLogger(AlertSink.class);

        @Override
        public void fire(final String name, final String severity, final String service, final String instance,
            final String detail)
        {
            log.error("ALERT {} ({})", detail, name);
        }

        @Override
        public void once(final String name, final String severity, final String service, final String detail)
        {
            log.error("ALERT {} ({})", detail, name);
        }

        @Override
        public void resolve(final String name, final String service, final String instance, final String detail)
        {
            log.info("RESOLVED {} ({})", detail, name);
        }

        @Override
        public boolean firing(final String name, final String service, final String instance)
        {
            return false;
        }
    };

    /**
     * Raises the condition, unless it is firing already.
     *
     * @param service  the service, or empty.
     * @param instance the instance or breaker, or empty.
     */
    void fire(String name, String severity, String service, String instance, String detail);

    /**
     * An event that resolves by itself: sent once, firing, with the time it stops mattering.
     */
    void once(String name, String severity, String service, String detail);

    /**
     * Resolves the condition, if it is firing.
     */
    void resolve(String name, String service, String instance, String detail);

    /**
     * @return whether the condition fires: raised here, or by an earlier launcher and not resolved since.
     */
    boolean firing(String name, String service, String instance);
}
