package io.procmesh.launcher.gateway;

import io.procmesh.core.agent.IdleStrategies;
import io.procmesh.core.config.Configuration;

/**
 * Every setting the HTTP gateway reads, with its system property name and default, in one place.
 * <p>
 * Names share the {@code procmesh.gateway.} prefix and carry their unit. {@link Gateway.Context} takes its
 * defaults from here; a value set on the context wins over the property.
 */
public final class GatewayConfiguration
{
    public static final String SERVICE_NAME = "gateway";

    public static final String PORT_PROP_NAME = "procmesh.gateway.port";
    public static final int PORT_DEFAULT = 8080;

    public static final String HOST_PROP_NAME = "procmesh.gateway.host";
    public static final String HOST_DEFAULT = "127.0.0.1";

    /**
     * Host names (or addresses) a request's {@code Host} may name besides the loopback names and the bound host,
     * comma-separated; {@code *} allows any. Others are answered 421: a DNS-rebinding page sends its own name.
     */
    public static final String ALLOWED_HOSTS_PROP_NAME = "procmesh.gateway.allowedHosts";
    public static final String ALLOWED_HOSTS_DEFAULT = "";

    /**
     * Origins, e.g. {@code http://localhost:3000}, allowed to send a POST, PUT, PATCH or DELETE besides the
     * gateway's own, comma-separated. A browser request from any other origin is answered 403.
     */
    public static final String ALLOWED_ORIGINS_PROP_NAME = "procmesh.gateway.allowedOrigins";
    public static final String ALLOWED_ORIGINS_DEFAULT = "";

    /** Deadline of every call the gateway makes into the mesh. */
    public static final String DEADLINE_MS_PROP_NAME = "procmesh.gateway.deadlineMs";
    public static final long DEADLINE_MS_DEFAULT = 2_000;

    /**
     * Comma-separated services that must have an UP instance for /health to answer 200. Empty: every service
     * seen. Unset: the services the topology's routes and {@code expose} call.
     */
    public static final String REQUIRED_SERVICES_PROP_NAME = "procmesh.gateway.requiredServices";

    /** The topology file whose {@code gateway:} section gives the routes; the launcher sets it. */
    public static final String TOPOLOGY_PROP_NAME = "procmesh.gateway.topology";

    public static final String MAX_BODY_BYTES_PROP_NAME = "procmesh.gateway.maxBodyBytes";
    public static final int MAX_BODY_BYTES_DEFAULT = 64 * 1024;

    /** How often the registry is copied into the gateway's cached view; requests never read the map. */
    public static final String REGISTRY_REFRESH_MS_PROP_NAME = "procmesh.gateway.registryRefreshMs";
    public static final long REGISTRY_REFRESH_MS_DEFAULT = 100;

    public static final String RETRY_AFTER_SECONDS_PROP_NAME = "procmesh.gateway.retryAfterSeconds";
    public static final int RETRY_AFTER_SECONDS_DEFAULT = 1;

    public static final String MIN_THREADS_PROP_NAME = "procmesh.gateway.minThreads";
    public static final int MIN_THREADS_DEFAULT = 4;

    /** Small on purpose: handlers never wait for replies, and the target machine has 2 cores. */
    public static final String MAX_THREADS_PROP_NAME = "procmesh.gateway.maxThreads";
    public static final int MAX_THREADS_DEFAULT = 16;

    public static final String SELECTORS_PROP_NAME = "procmesh.gateway.selectors";
    public static final int SELECTORS_DEFAULT = 1;

    /** A connection idle (or a body stalled) for this long is closed, so no request can hold resources forever. */
    public static final String IDLE_TIMEOUT_MS_PROP_NAME = "procmesh.gateway.idleTimeoutMs";
    public static final long IDLE_TIMEOUT_MS_DEFAULT = 30_000;

    /** Graceful stop: how long in-flight requests get to finish; defaults to the mesh shutdown timeout. */
    public static final String SHUTDOWN_TIMEOUT_MS_PROP_NAME = "procmesh.gateway.shutdownTimeoutMs";

    /** Cap on distinct service/operation pairs the generic proxy creates metrics for; the rest share one series. */
    /**
     * Event streams ({@code GET /events/{topic}}) open at once; one more is answered 503. Each holds a connection
     * and a reader of its topic, and one batch of at most 64 KB while its client takes it.
     */
    public static final String MAX_EVENT_STREAMS_PROP_NAME = "procmesh.gateway.maxEventStreams";
    public static final int MAX_EVENT_STREAMS_DEFAULT = 64;

    /**
     * A quiet event stream gets a comment line this often, so that neither the idle timeout nor a proxy closes it,
     * and a client that went away is found; must be below {@code procmesh.gateway.idleTimeoutMs}. Unset, it is
     * this default or half the idle timeout, whichever is less.
     */
    public static final String EVENTS_KEEP_ALIVE_MS_PROP_NAME = "procmesh.gateway.eventsKeepAliveMs";
    public static final long EVENTS_KEEP_ALIVE_MS_DEFAULT = 15_000;

    /** What an event stream tells its client to wait before it reconnects (the {@code retry:} field). */
    public static final String EVENTS_RETRY_MS_PROP_NAME = "procmesh.gateway.eventsRetryMs";
    public static final long EVENTS_RETRY_MS_DEFAULT = 1_000;

    public static final String MAX_PROXY_METRIC_SERIES_PROP_NAME = "procmesh.gateway.maxProxyMetricSeries";
    public static final int MAX_PROXY_METRIC_SERIES_DEFAULT = 256;

    /**
     * Calls the gateway may have in flight (a power of two), given to its mesh client. Far below core's default on
     * purpose: core's reply reader scans the whole pending-call table every millisecond while any call is in
     * flight, which under load is always, so the table size is paid per millisecond. HTTP/1.1 allows one request
     * per connection at a time, so this also bounds concurrent connections doing calls; beyond it a call gets 503.
     */
    public static final String MAX_CALLS_IN_FLIGHT_PROP_NAME = "procmesh.gateway.maxCallsInFlight";
    public static final int MAX_CALLS_IN_FLIGHT_DEFAULT = 4_096;

    /**
     * Idle strategy of the gateway's reply reader, which also writes the HTTP answers: {@code park} by default,
     * so that between replies it gives the CPU to Jetty's threads instead of spinning (on 2 cores that took the
     * gateway from 24k to 34k req/s under wrk -c32, and p99 from 24 to 8-15 ms). Any name core accepts.
     */
    public static final String REPLY_IDLE_STRATEGY_PROP_NAME = "procmesh.gateway.replyIdleStrategy";
    public static final String REPLY_IDLE_STRATEGY_DEFAULT = IdleStrategies.PARK;

    private GatewayConfiguration()
    {
    }

    public static String replyIdleStrategy()
    {
        return System.getProperty(REPLY_IDLE_STRATEGY_PROP_NAME, REPLY_IDLE_STRATEGY_DEFAULT);
    }

    public static int port()
    {
        return intProperty(PORT_PROP_NAME, PORT_DEFAULT);
    }

    public static String host()
    {
        return System.getProperty(HOST_PROP_NAME, HOST_DEFAULT);
    }

    public static long deadlineMs()
    {
        return longProperty(DEADLINE_MS_PROP_NAME, DEADLINE_MS_DEFAULT);
    }

    /**
     * @return the property's value, or null when it is not set.
     */
    public static String requiredServices()
    {
        return System.getProperty(REQUIRED_SERVICES_PROP_NAME);
    }

    /**
     * @return the topology file's path, or null when it is not set.
     */
    public static String topology()
    {
        return System.getProperty(TOPOLOGY_PROP_NAME);
    }

    public static int maxBodyBytes()
    {
        return intProperty(MAX_BODY_BYTES_PROP_NAME, MAX_BODY_BYTES_DEFAULT);
    }

    public static long registryRefreshMs()
    {
        return longProperty(REGISTRY_REFRESH_MS_PROP_NAME, REGISTRY_REFRESH_MS_DEFAULT);
    }

    public static int retryAfterSeconds()
    {
        return intProperty(RETRY_AFTER_SECONDS_PROP_NAME, RETRY_AFTER_SECONDS_DEFAULT);
    }

    public static int minThreads()
    {
        return intProperty(MIN_THREADS_PROP_NAME, MIN_THREADS_DEFAULT);
    }

    public static int maxThreads()
    {
        return intProperty(MAX_THREADS_PROP_NAME, MAX_THREADS_DEFAULT);
    }

    public static int selectors()
    {
        return intProperty(SELECTORS_PROP_NAME, SELECTORS_DEFAULT);
    }

    public static long idleTimeoutMs()
    {
        return longProperty(IDLE_TIMEOUT_MS_PROP_NAME, IDLE_TIMEOUT_MS_DEFAULT);
    }

    public static long shutdownTimeoutMs()
    {
        return longProperty(SHUTDOWN_TIMEOUT_MS_PROP_NAME, Configuration.shutdownTimeoutMs());
    }

    public static String allowedHosts()
    {
        return System.getProperty(ALLOWED_HOSTS_PROP_NAME, ALLOWED_HOSTS_DEFAULT);
    }

    public static String allowedOrigins()
    {
        return System.getProperty(ALLOWED_ORIGINS_PROP_NAME, ALLOWED_ORIGINS_DEFAULT);
    }

    public static int maxEventStreams()
    {
        return intProperty(MAX_EVENT_STREAMS_PROP_NAME, MAX_EVENT_STREAMS_DEFAULT);
    }

    /**
     * @return the property, or without it the default capped at half the idle timeout, so that lowering the idle
     * timeout alone never makes a setting the gateway refuses.
     */
    public static long eventsKeepAliveMs(final long idleTimeoutMs)
    {
        return longProperty(EVENTS_KEEP_ALIVE_MS_PROP_NAME,
            Math.min(EVENTS_KEEP_ALIVE_MS_DEFAULT, Math.max(1, idleTimeoutMs / 2)));
    }

    public static long eventsRetryMs()
    {
        return longProperty(EVENTS_RETRY_MS_PROP_NAME, EVENTS_RETRY_MS_DEFAULT);
    }

    public static int maxProxyMetricSeries()
    {
        return intProperty(MAX_PROXY_METRIC_SERIES_PROP_NAME, MAX_PROXY_METRIC_SERIES_DEFAULT);
    }

    public static int maxCallsInFlight()
    {
        return intProperty(MAX_CALLS_IN_FLIGHT_PROP_NAME, MAX_CALLS_IN_FLIGHT_DEFAULT);
    }

    /**
     * Unlike {@link Integer#getInteger}, a malformed value is an error naming the property, not a silent default.
     */
    static int intProperty(final String name, final int defaultValue)
    {
        final long value = longProperty(name, defaultValue);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(name + " is out of range: " + value);
        }
        return (int)value;
    }

    static long longProperty(final String name, final long defaultValue)
    {
        final String value = System.getProperty(name);
        if (value == null || value.isBlank())
        {
            return defaultValue;
        }
        try
        {
            return Long.parseLong(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", ex);
        }
    }
}
