package io.procmesh.launcher.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.procmesh.launcher.gateway.events.EventStreams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The gateway's Prometheus registry: per-operation call meters, error answers by HTTP status, and (bound by
 * {@link RegistryMetricsBinder}) the services' own counters read from the shared registry.
 * <p>
 * Typed routes resolve their {@link CallMetrics} once at start. The generic proxy looks them up by name, and
 * caps how many distinct pairs it creates so arbitrary operation names cannot grow the registry without bound.
 */
final class GatewayMetrics implements AutoCloseable
{
    static final String OTHER_OPERATION = "_other";
    static final String HTTP_ERRORS = "procmesh.gateway.http.errors";
    static final String INTERNAL_ERRORS = "procmesh.gateway.internal.errors";
    static final String EVENT_STREAMS = "procmesh.gateway.event.streams";
    static final String EVENTS_SENT = "procmesh.gateway.events.sent";
    static final String EVENTS_SKIPPED = "procmesh.gateway.events.skipped";
    private static final int MAX_STATUS = 600;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<String, CallMetrics> calls = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<Counter> httpErrorsByStatus = new AtomicReferenceArray<>(MAX_STATUS);
    private final Counter internalErrors;
    private final int maxProxySeries;
    private final Object proxySeriesLock = new Object();

    GatewayMetrics(final int maxProxySeries)
    {
        this.maxProxySeries = maxProxySeries;
        this.internalErrors = Counter.builder(INTERNAL_ERRORS)
            .description("Errors inside the gateway sent to its error handler")
            .register(registry);
    }

    PrometheusMeterRegistry registry()
    {
        return registry;
    }

    /**
     * The event streams' gauge and counters, read from the streams at each scrape.
     */
    void bind(final EventStreams streams)
    {
        Gauge.builder(EVENT_STREAMS, streams, EventStreams::openStreams)
            .description("Event streams (GET /events/{topic}) open now")
            .register(registry);
        FunctionCounter.builder(EVENTS_SENT, streams, EventStreams::eventsSent)
            .description("Events written to event stream clients")
            .register(registry);
        FunctionCounter.builder(EVENTS_SKIPPED, streams, EventStreams::documentsSkipped)
            .description("Topic documents an event stream read but did not send: not a JSON event, or undecodable")
            .register(registry);
    }

    /**
     * For routes known at start: always a dedicated series.
     */
    CallMetrics callMetrics(final String service, final String operation)
    {
        return calls.computeIfAbsent(key(service, operation), k -> new CallMetrics(registry, service, operation));
    }

    /**
     * For the generic proxy: a dedicated series while fewer than the cap exist, then one shared per service. The
     * check of the cap and the creation are one step under a lock, or concurrent first calls would all pass the
     * check and create past the cap; only a pair's first call takes it, later ones are a map read.
     */
    CallMetrics proxyCallMetrics(final String service, final String operation)
    {
        final CallMetrics existing = calls.get(key(service, operation));
        if (existing != null)
        {
            return existing;
        }
        synchronized (proxySeriesLock)
        {
            final CallMetrics created = calls.get(key(service, operation));
            if (created != null)
            {
                return created;
            }
            return calls.size() < maxProxySeries ?
                callMetrics(service, operation) : callMetrics(service, OTHER_OPERATION);
        }
    }

    void onHttpError(final int status)
    {
        if (status <= 0 || status >= MAX_STATUS)
        {
            return;
        }
        Counter counter = httpErrorsByStatus.get(status);
        if (counter == null)
        {
            counter = Counter.builder(HTTP_ERRORS)
                .description("Error answers sent by the gateway, by HTTP status")
                .tag("status", Integer.toString(status))
                .register(registry);
            httpErrorsByStatus.compareAndSet(status, null, counter);
        }
        counter.increment();
    }

    void onInternalError()
    {
        internalErrors.increment();
    }

    /**
     * @return the Prometheus text exposition of every meter.
     */
    byte[] scrape()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try
        {
            registry.scrape(out);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    private static String key(final String service, final String operation)
    {
        return service + '/' + operation;
    }

    @Override
    public void close()
    {
        registry.close();
    }
}
