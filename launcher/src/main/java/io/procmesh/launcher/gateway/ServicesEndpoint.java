package io.procmesh.launcher.gateway;

import io.procmesh.core.breaker.BreakerSnapshot;
import io.procmesh.core.breaker.BreakerTable;
import io.procmesh.core.registry.InstanceMetadata;
import io.procmesh.core.registry.InstanceSnapshot;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code GET /services}: every registry entry as of the last refresh, with what it means (state, heartbeat age,
 * uptime, restarts), its metadata (the topology's {@code metadata:}, as it registered) and the counters from its
 * off-heap slot; then every circuit breaker some process used, read from the shared table at the request.
 */
final class ServicesEndpoint
{
    record Services(long capturedAtMs, List<Instance> instances, List<BreakerSnapshot> breakers)
    {
    }

    record Instance(
        String service,
        String instanceId,
        String version,
        long pid,
        String state,
        long heartbeatAgeMs,
        double phi,
        long uptimeMs,
        long startTimeMs,
        long restarts,
        Map<String, String> metadata,
        long standbyPid,
        Counters counters)
    {
    }

    record Counters(
        long requestsIn,
        long requestsOut,
        long errors,
        long timeouts,
        long lateReplies,
        long decodeErrors,
        long duplicates,
        long inboxBacklog,
        long registrations)
    {
    }

    private final RegistryView view;
    private final BreakerTable breakers;
    private final HttpResponses responses;

    ServicesEndpoint(final RegistryView view, final BreakerTable breakers, final HttpResponses responses)
    {
        this.view = view;
        this.breakers = breakers;
        this.responses = responses;
    }

    void routes(final RouteTable.Builder routes, final UnaryOperator<Endpoint> offload)
    {
        routes.add("GET", "/services", offload.apply(this::services));
    }

    private void services(final Request request, final Response response, final Callback callback, final String[] path)
    {
        final RegistryView.Snapshot snapshot = view.current();
        final List<Instance> instances = new ArrayList<>(snapshot.instances().size());
        for (final InstanceView instance : snapshot.instances())
        {
            final InstanceSnapshot s = instance.snapshot();
            instances.add(new Instance(s.service(), s.instanceId(), s.version(), s.pid(), instance.state().name(),
                instance.heartbeatAgeMs(), Math.round(instance.phi() * 10) / 10.0, instance.uptimeMs(),
                s.startTimeMs(), instance.restarts(),
                InstanceMetadata.decode(s.metadata()), s.hasLiveStandby() ? s.standbyPid() : 0,
                new Counters(s.requestsIn(), s.requestsOut(), s.errors(), s.timeouts(), s.lateReplies(),
                    s.decodeErrors(), s.duplicates(), s.inboxBacklog(), s.registrations())));
        }
        responses.json(response, callback, 200, new Services(snapshot.capturedAtMs(), instances,
            breakers.snapshot(System.nanoTime())));
    }
}
