package io.procmesh.launcher.gateway;

import io.procmesh.core.Procmesh;
import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.launcher.gateway.events.EventStreams;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;

import java.util.function.UnaryOperator;

/**
 * The HTTP gateway: a procmesh member (service {@value GatewayConfiguration#SERVICE_NAME}) with a REST face.
 * <pre>
 * HTTP ─▶ Jetty ─▶ GracefulHandler ─▶ Router ─▶ endpoint ─▶ MeshCaller ──append──▶ service inbox
 *                                                                ▲
 * HTTP ◀─ async write ◀─ ReplyWriter ◀─ reply reader ◀── reply queue ◀─ service
 * RegistryView (timer) ─▶ ServiceAvailability flags, /health, /services, slot gauges in /metrics
 * </pre>
 * Start order: bind the port (so a port in use fails before joining the mesh and cannot disturb the gateway
 * that holds it), join the mesh as STARTING, start the registry view, start Jetty, then UP.
 * Close order: DRAINING, event streams (each response ends), Jetty (graceful: in-flight requests finish within the
 * shutdown timeout), registry view, mesh (DOWN), metrics.
 */
public final class Gateway implements AutoCloseable
{
    private final GatewayContext context;
    private final Server server;
    private final Procmesh mesh;
    private final GatewayMetrics metrics;
    private final RegistryView view;
    private final EventStreams events;
    private volatile boolean closed;

    private Gateway(final GatewayContext context, final Server server, final Procmesh mesh)
    {
        this.context = context;
        this.server = server;
        this.mesh = mesh;
        this.metrics = new GatewayMetrics(context.maxProxyMetricSeries());
        final ErrorHandler meshErrors = mesh.context().errorHandler();
        final ErrorHandler errorHandler = error ->
        {
            metrics.onInternalError();
            meshErrors.onError(error);
        };
        this.view = new RegistryView(mesh.registry(), mesh.context().instanceStaleMs(), context.requiredServices(),
            errorHandler);
        view.onRefresh(new RegistryMetricsBinder(metrics.registry()));
        view.onRefresh(new BreakerMetricsBinder(metrics.registry(), mesh.breakers()));

        final HttpResponses responses = new HttpResponses(mesh.context().json().mapper(), metrics, errorHandler);
        final ErrorMapper errors = new ErrorMapper(context.retryAfterSeconds(), errorHandler);
        final MeshCaller caller = new MeshCaller(mesh.client(), context.deadlineMs(),
            new JsonBodyReader(context.maxBodyBytes()), responses, errors, errorHandler);
        final CallTargets targets = new CallTargets(mesh.client(), view, metrics);

        final TopologyEndpoints topology = new TopologyEndpoints(caller, targets, context.routePlan());

        // Fixed endpoints first: a topology route cannot shadow /health, /rpc or /openapi.json.
        final RouteTable.Builder routes = RouteTable.builder();
        new HealthEndpoint(view, responses).routes(routes);
        final UnaryOperator<Endpoint> offload =
            endpoint -> new OffloadedEndpoint(endpoint, server.getThreadPool(), responses, errors);
        new ServicesEndpoint(view, mesh.breakers(), responses).routes(routes, offload);
        new MetricsEndpoint(metrics).routes(routes, offload);
        new OpenApiEndpoint(context.routePlan(), responses).routes(routes, offload);
        new RpcProxyEndpoint(topology.exposed()).routes(routes);
        this.events = new EventStreams(context.maxEventStreams(), context.eventsKeepAliveMs(), context.eventsRetryMs(),
            errorHandler);
        metrics.bind(events);
        new EventStreamEndpoint(context.eventTopics(), mesh.context().dataDirectory(), mesh.context().codec(), events)
            .routes(routes, offload);
        topology.routes(routes);

        final RequestChecks checks = new RequestChecks(context.host(), context.allowedHosts(), context.allowedOrigins());
        server.setHandler(new GracefulHandler(
            new Router(routes.build(), responses, errors, context.maxBodyBytes(), checks)));
        server.setErrorHandler(new JsonErrorHandler(responses));
    }

    /**
     * Checks the port, joins the mesh, binds and starts serving. The port is bound only once the mesh is joined:
     * a bound port already accepts connections into the kernel backlog, and joining can take 10-20 s on a loaded
     * host, so binding first left clients of a restarted gateway waiting with no answer (found by ChaosTest)
     * instead of a refused connection.
     *
     * @throws PortInUseException       if the port is taken: before joining the mesh, or, if another process
     *                                  took it meanwhile, after, and the mesh connection is closed again.
     * @throws IllegalArgumentException for a bad setting, naming it.
     */
    public static Gateway launch(final GatewayContext context)
    {
        return launchConcluded(context.conclude());
    }

    /**
     * {@link #launch} for a caller that concluded the context itself, to read its settings first.
     */
    static Gateway launchConcluded(final GatewayContext context)
    {
        JettyServers.checkPortFree(context);
        final Procmesh mesh = Procmesh.connect(context.meshContext());
        final Server server;
        try
        {
            server = JettyServers.createAndBind(context);
        }
        catch (final RuntimeException ex)
        {
            try
            {
                mesh.close();
            }
            catch (final RuntimeException closeFailure)
            {
                ex.addSuppressed(closeFailure);
            }
            throw ex;
        }

        final Gateway gateway;
        try
        {
            gateway = new Gateway(context, server, mesh);
        }
        catch (final RuntimeException ex)
        {
            stopQuietlyInto(ex, server);
            mesh.close();
            throw ex;
        }

        try
        {
            gateway.start();
        }
        catch (final RuntimeException ex)
        {
            try
            {
                gateway.close();
            }
            catch (final RuntimeException closeFailure)
            {
                ex.addSuppressed(closeFailure);
            }
            throw ex;
        }
        return gateway;
    }

    private void start()
    {
        view.start(context.registryRefreshMs());
        events.start();
        try
        {
            server.start();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("gateway HTTP server failed to start: " + ex.getMessage(), ex);
        }
        mesh.slot().status(InstanceStatus.UP);
    }

    public int port()
    {
        return JettyServers.boundPort(server);
    }

    public String instanceId()
    {
        return mesh.context().instanceId();
    }

    public Procmesh mesh()
    {
        return mesh;
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        mesh.slot().status(InstanceStatus.DRAINING);
        // Event streams never end by themselves: ended first, or Jetty's graceful stop would wait for them.
        RuntimeException failure = closeInto(null, events);
        try
        {
            JettyServers.stop(server);
        }
        catch (final Exception ex)
        {
            final RuntimeException stopFailure =
                new IllegalStateException("gateway HTTP server did not stop cleanly: " + ex.getMessage(), ex);
            if (failure == null)
            {
                failure = stopFailure;
            }
            else
            {
                failure.addSuppressed(stopFailure);
            }
        }
        failure = closeInto(failure, view);
        failure = closeInto(failure, mesh);
        failure = closeInto(failure, metrics);
        if (failure != null)
        {
            throw failure;
        }
    }

    private static RuntimeException closeInto(final RuntimeException failure, final AutoCloseable resource)
    {
        try
        {
            resource.close();
            return failure;
        }
        catch (final Exception ex)
        {
            final RuntimeException next = failure != null ? failure :
                new IllegalStateException("gateway close failed: " + ex.getMessage(), ex);
            if (failure != null)
            {
                failure.addSuppressed(ex);
            }
            return next;
        }
    }

    private static void stopQuietlyInto(final RuntimeException primary, final Server server)
    {
        try
        {
            JettyServers.stop(server);
        }
        catch (final Exception ex)
        {
            primary.addSuppressed(ex);
        }
    }
}
