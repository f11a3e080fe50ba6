package io.procmesh.launcher.gateway;

import io.procmesh.core.Procmesh;
import io.procmesh.core.config.ConcludeOnce;
import io.procmesh.core.config.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of one gateway process. Unset fields take their defaults from {@link GatewayConfiguration} in
 * {@link #conclude()}, which also validates them, so a bad value fails at start with a message naming the property.
 */
public final class GatewayContext
{
    private final ConcludeOnce concluded = new ConcludeOnce("GatewayContext");
    private Procmesh.Context meshContext;
    private String host;
    private Integer port;
    private Long deadlineMs;
    private List<String> requiredServices;
    private Integer maxBodyBytes;
    private Long registryRefreshMs;
    private Integer retryAfterSeconds;
    private Integer minThreads;
    private Integer maxThreads;
    private Integer selectors;
    private Long idleTimeoutMs;
    private Long shutdownTimeoutMs;
    private Integer maxProxyMetricSeries;

    /**
     * The gateway's own membership of the mesh. By default: service {@value GatewayConfiguration#SERVICE_NAME},
     * at most {@code procmesh.gateway.maxCallsInFlight} calls in flight, the rest from core's configuration.
     */
    public GatewayContext meshContext(final Procmesh.Context meshContext)
    {
        this.meshContext = meshContext;
        return this;
    }

    public GatewayContext host(final String host)
    {
        this.host = host;
        return this;
    }

    /**
     * @param port the TCP port, or 0 for any free port (the bound port is then {@link Gateway#port()}).
     */
    public GatewayContext port(final int port)
    {
        this.port = port;
        return this;
    }

    public GatewayContext deadlineMs(final long deadlineMs)
    {
        this.deadlineMs = deadlineMs;
        return this;
    }

    public GatewayContext requiredServices(final List<String> requiredServices)
    {
        this.requiredServices = List.copyOf(requiredServices);
        return this;
    }

    public GatewayContext maxBodyBytes(final int maxBodyBytes)
    {
        this.maxBodyBytes = maxBodyBytes;
        return this;
    }

    public GatewayContext registryRefreshMs(final long registryRefreshMs)
    {
        this.registryRefreshMs = registryRefreshMs;
        return this;
    }

    public GatewayContext retryAfterSeconds(final int retryAfterSeconds)
    {
        this.retryAfterSeconds = retryAfterSeconds;
        return this;
    }

    public GatewayContext threads(final int minThreads, final int maxThreads)
    {
        this.minThreads = minThreads;
        this.maxThreads = maxThreads;
        return this;
    }

    public GatewayContext selectors(final int selectors)
    {
        this.selectors = selectors;
        return this;
    }

    public GatewayContext idleTimeoutMs(final long idleTimeoutMs)
    {
        this.idleTimeoutMs = idleTimeoutMs;
        return this;
    }

    public GatewayContext shutdownTimeoutMs(final long shutdownTimeoutMs)
    {
        this.shutdownTimeoutMs = shutdownTimeoutMs;
        return this;
    }

    public GatewayContext maxProxyMetricSeries(final int maxProxyMetricSeries)
    {
        this.maxProxyMetricSeries = maxProxyMetricSeries;
        return this;
    }

    /**
     * Fills every unset field from configuration and checks the result. Called by {@link Gateway#launch}; a second
     * call throws {@link IllegalStateException}.
     */
    public GatewayContext conclude()
    {
        concluded.begin();
        if (meshContext == null)
        {
            final int maxCallsInFlight = GatewayConfiguration.maxCallsInFlight();
            if (maxCallsInFlight <= 0 || Integer.bitCount(maxCallsInFlight) != 1)
            {
                throw new IllegalArgumentException(GatewayConfiguration.MAX_CALLS_IN_FLIGHT_PROP_NAME +
                    " must be a positive power of two, was " + maxCallsInFlight);
            }
            meshContext = new Procmesh.Context()
                .serviceName(GatewayConfiguration.SERVICE_NAME)
                .maxCallsInFlight(maxCallsInFlight)
                .idleStrategy(GatewayConfiguration.replyIdleStrategy());
        }
        // UP only once the HTTP server answers: Gateway.start sets it.
        meshContext.upOnConnect(false);
        host = host != null ? host : GatewayConfiguration.host();
        if (host.isBlank())
        {
            throw new IllegalArgumentException(GatewayConfiguration.HOST_PROP_NAME + " must not be blank");
        }
        port = port != null ? port : GatewayConfiguration.port();
        if (port < 0 || port > 65_535)
        {
            throw new IllegalArgumentException(GatewayConfiguration.PORT_PROP_NAME + " must be 0..65535, was " + port);
        }
        deadlineMs = Settings.positive(GatewayConfiguration.DEADLINE_MS_PROP_NAME,
            deadlineMs != null ? deadlineMs : GatewayConfiguration.deadlineMs());
        if (requiredServices == null)
        {
            requiredServices = parseServiceList(GatewayConfiguration.requiredServices());
        }
        maxBodyBytes = Settings.positive(GatewayConfiguration.MAX_BODY_BYTES_PROP_NAME,
            maxBodyBytes != null ? maxBodyBytes : GatewayConfiguration.maxBodyBytes());
        registryRefreshMs = Settings.positive(GatewayConfiguration.REGISTRY_REFRESH_MS_PROP_NAME,
            registryRefreshMs != null ? registryRefreshMs : GatewayConfiguration.registryRefreshMs());
        retryAfterSeconds = Settings.positive(GatewayConfiguration.RETRY_AFTER_SECONDS_PROP_NAME,
            retryAfterSeconds != null ? retryAfterSeconds : GatewayConfiguration.retryAfterSeconds());
        minThreads = Settings.positive(GatewayConfiguration.MIN_THREADS_PROP_NAME,
            minThreads != null ? minThreads : GatewayConfiguration.minThreads());
        maxThreads = Settings.positive(GatewayConfiguration.MAX_THREADS_PROP_NAME,
            maxThreads != null ? maxThreads : GatewayConfiguration.maxThreads());
        if (maxThreads < minThreads)
        {
            throw new IllegalArgumentException(GatewayConfiguration.MAX_THREADS_PROP_NAME + " (" + maxThreads +
                ") must not be below " + GatewayConfiguration.MIN_THREADS_PROP_NAME + " (" + minThreads + ")");
        }
        selectors = Settings.positive(GatewayConfiguration.SELECTORS_PROP_NAME,
            selectors != null ? selectors : GatewayConfiguration.selectors());
        idleTimeoutMs = Settings.positive(GatewayConfiguration.IDLE_TIMEOUT_MS_PROP_NAME,
            idleTimeoutMs != null ? idleTimeoutMs : GatewayConfiguration.idleTimeoutMs());
        shutdownTimeoutMs = Settings.positive(GatewayConfiguration.SHUTDOWN_TIMEOUT_MS_PROP_NAME,
            shutdownTimeoutMs != null ? shutdownTimeoutMs : GatewayConfiguration.shutdownTimeoutMs());
        maxProxyMetricSeries = Settings.positive(GatewayConfiguration.MAX_PROXY_METRIC_SERIES_PROP_NAME,
            maxProxyMetricSeries != null ? maxProxyMetricSeries : GatewayConfiguration.maxProxyMetricSeries());
        return this;
    }

    static List<String> parseServiceList(final String text)
    {
        final List<String> services = new ArrayList<>();
        for (final String part : Objects.requireNonNull(text).split(","))
        {
            final String service = part.trim();
            if (!service.isEmpty() && !services.contains(service))
            {
                services.add(service);
            }
        }
        return List.copyOf(services);
    }

    public Procmesh.Context meshContext()
    {
        return meshContext;
    }

    public String host()
    {
        return host;
    }

    public int port()
    {
        return port;
    }

    public long deadlineMs()
    {
        return deadlineMs;
    }

    /**
     * @return the services /health requires; empty means every service seen in the registry.
     */
    public List<String> requiredServices()
    {
        return requiredServices;
    }

    public int maxBodyBytes()
    {
        return maxBodyBytes;
    }

    public long registryRefreshMs()
    {
        return registryRefreshMs;
    }

    public int retryAfterSeconds()
    {
        return retryAfterSeconds;
    }

    public int minThreads()
    {
        return minThreads;
    }

    public int maxThreads()
    {
        return maxThreads;
    }

    public int selectors()
    {
        return selectors;
    }

    public long idleTimeoutMs()
    {
        return idleTimeoutMs;
    }

    public long shutdownTimeoutMs()
    {
        return shutdownTimeoutMs;
    }

    public int maxProxyMetricSeries()
    {
        return maxProxyMetricSeries;
    }
}
