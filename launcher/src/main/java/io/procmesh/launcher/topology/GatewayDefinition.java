package io.procmesh.launcher.topology;

import java.util.List;
import java.util.Set;

/**
 * The topology's {@code gateway:} section, validated. The launcher runs the gateway as one more supervised
 * service (named {@link #SERVICE_NAME}), started after the services its routes and {@code expose} call.
 *
 * @param port   the loopback port it listens on.
 * @param routes REST routes, each calling one operation of one service.
 * @param expose the operations, as {@code service.operation}, that {@code POST /rpc/...} may reach; nothing else is.
 * @param events the topics {@code GET /events/{topic}} serves as Server-Sent Events; nothing else is.
 */
public record GatewayDefinition(
    int port,
    List<RouteDefinition> routes,
    Set<String> expose,
    Set<String> events)
{
    public static final String SERVICE_NAME = "gateway";
    /**
     * What the gateway's JVM runs (by name: the topology package does not depend on the gateway's).
     */
    public static final String MAIN_CLASS = "io.procmesh.launcher.gateway.GatewayMain";
    /**
     * The port it listens on, set by the launcher from {@link #port()}.
     */
    public static final String PORT_PROP_NAME = "procmesh.gateway.port";
    /**
     * The absolute path of the topology file, set by the launcher: the gateway reads its routes from there.
     */
    public static final String TOPOLOGY_PROP_NAME = "procmesh.gateway.topology";

    public GatewayDefinition
    {
        routes = List.copyOf(routes);
        expose = Set.copyOf(expose);
        events = Set.copyOf(events);
    }
}
