package io.procmesh.launcher.gateway;

import io.procmesh.core.Procmesh;
import io.procmesh.core.config.ConcludeOnce;
import io.procmesh.core.config.Settings;
import io.procmesh.core.rpc.JsonPayloads;
import io.procmesh.launcher.topology.GatewayDefinition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
    private Integer maxEventStreams;
    private Set<String> allowedHosts;
    private Set<String> allowedOrigins;
    private Long eventsKeepAliveMs;
    private Long eventsRetryMs;
    private GatewayDefinition gateway;
    private final Map<String, Class<?>> apis = new HashMap<>();
    private RoutePlan routePlan;

    /**
     * The routes and {@code expose} list to serve, from the topology's {@code gateway:} section. Its port is
     * the topology's; this context's {@link #port(int)} (the {@code procmesh.gateway.port} property, which the
     * launcher sets from it) is the one bound. Unset: no routes, nothing exposed at {@code /rpc}, only the
     * admin endpoints.
     */
    public GatewayContext gateway(final GatewayDefinition gateway)
    {
        this.gateway = gateway;
        return this;
    }

    /**
     * The api interface of a service that routes or {@code expose} name: its methods are the operations, and
     * their signatures drive argument binding and the OpenAPI document.
     */
    public GatewayContext api(final String service, final Class<?> api)
    {
        apis.put(Objects.requireNonNull(service), Objects.requireNonNull(api));
        return this;
    }

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
     * @param hosts allowed in a request's Host besides the loopback names and the bound host; {@code *} any.
     */
    public GatewayContext allowedHosts(final Set<String> hosts)
    {
        this.allowedHosts = Set.copyOf(hosts);
        return this;
    }

    /**
     * @param origins allowed to change state besides the gateway's own, e.g. {@code http://localhost:3000}.
     */
    public GatewayContext allowedOrigins(final Set<String> origins)
    {
        this.allowedOrigins = Set.copyOf(origins);
        return this;
    }

    public GatewayContext maxEventStreams(final int maxEventStreams)
    {
        this.maxEventStreams = maxEventStreams;
        return this;
    }

    public GatewayContext eventsKeepAliveMs(final long eventsKeepAliveMs)
    {
        this.eventsKeepAliveMs = eventsKeepAliveMs;
        return this;
    }

    public GatewayContext eventsRetryMs(final long eventsRetryMs)
    {
        this.eventsRetryMs = eventsRetryMs;
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
            final String required = GatewayConfiguration.requiredServices();
            requiredServices = required != null ? commaSeparated(required) : calledServices(gateway);
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
        allowedHosts = allowedHosts != null ? allowedHosts :
            Set.copyOf(commaSeparated(GatewayConfiguration.allowedHosts()));
        allowedOrigins = allowedOrigins != null ? allowedOrigins :
            Set.copyOf(commaSeparated(GatewayConfiguration.allowedOrigins()));
        for (final String origin : allowedOrigins)
        {
            if (!origin.startsWith("http://") && !origin.startsWith("https://") || origin.endsWith("/"))
            {
                throw new IllegalArgumentException(GatewayConfiguration.ALLOWED_ORIGINS_PROP_NAME + " entries are " +
                    "origins as a browser sends them, scheme://host[:port] with no path, was '" + origin + "'");
            }
        }
        maxEventStreams = Settings.positive(GatewayConfiguration.MAX_EVENT_STREAMS_PROP_NAME,
            maxEventStreams != null ? maxEventStreams : GatewayConfiguration.maxEventStreams());
        eventsKeepAliveMs = Settings.positive(GatewayConfiguration.EVENTS_KEEP_ALIVE_MS_PROP_NAME,
            eventsKeepAliveMs != null ? eventsKeepAliveMs : GatewayConfiguration.eventsKeepAliveMs(idleTimeoutMs));
        if (eventsKeepAliveMs >= idleTimeoutMs)
        {
            throw new IllegalArgumentException(GatewayConfiguration.EVENTS_KEEP_ALIVE_MS_PROP_NAME + " (" +
                eventsKeepAliveMs + ") must be below " + GatewayConfiguration.IDLE_TIMEOUT_MS_PROP_NAME + " (" +
                idleTimeoutMs + "), or quiet event streams are closed as idle");
        }
        eventsRetryMs = Settings.positive(GatewayConfiguration.EVENTS_RETRY_MS_PROP_NAME,
            eventsRetryMs != null ? eventsRetryMs : GatewayConfiguration.eventsRetryMs());
        if (meshContext.json() == null)
        {
            meshContext.json(new JsonPayloads());
        }
        // Checked here, before the gateway joins the mesh: a route to a missing operation is a bad setting (exit 2).
        routePlan = gateway == null ? RoutePlan.empty() :
            RoutePlan.of(gateway, Map.copyOf(apis), new JsonRequestDecoder(), meshContext.json());
        return this;
    }

    private static List<String> calledServices(final GatewayDefinition gateway)
    {
        final java.util.TreeSet<String> services = new java.util.TreeSet<>();
        if (gateway != null)
        {
            gateway.routes().forEach(route -> services.add(route.service()));
            for (final String call : gateway.expose())
            {
                services.add(call.substring(0, Math.max(0, call.lastIndexOf('.'))));
            }
        }
        services.remove("");
        return List.copyOf(services);
    }

    /**
     * @return the entries of a comma-separated setting, trimmed, without empty ones or repeats, in order.
     */
    static List<String> commaSeparated(final String text)
    {
        final List<String> entries = new ArrayList<>();
        for (final String part : Objects.requireNonNull(text).split(","))
        {
            final String entry = part.trim();
            if (!entry.isEmpty() && !entries.contains(entry))
            {
                entries.add(entry);
            }
        }
        return List.copyOf(entries);
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

    public Set<String> allowedHosts()
    {
        return allowedHosts;
    }

    public Set<String> allowedOrigins()
    {
        return allowedOrigins;
    }

    public int maxEventStreams()
    {
        return maxEventStreams;
    }

    public long eventsKeepAliveMs()
    {
        return eventsKeepAliveMs;
    }

    public long eventsRetryMs()
    {
        return eventsRetryMs;
    }

    /**
     * @return the topics served as event streams: the topology's {@code gateway.events}, none without one.
     */
    public Set<String> eventTopics()
    {
        return gateway == null ? Set.of() : gateway.events();
    }

    /**
     * @return the topology's gateway section, or null when none was given.
     */
    public GatewayDefinition gateway()
    {
        return gateway;
    }

    RoutePlan routePlan()
    {
        return routePlan;
    }
}
