package io.procmesh.launcher.gateway;

import io.procmesh.launcher.topology.GatewayDefinition;
import io.procmesh.launcher.topology.RouteDefinition;
import io.procmesh.launcher.topology.ServiceDefinition;
import io.procmesh.launcher.topology.Topology;
import io.procmesh.launcher.topology.TopologyLoader;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads the gateway's routes from the topology file the launcher names ({@code procmesh.gateway.topology}),
 * with the launcher's own {@link TopologyLoader}, and loads the api interface of every service they call by
 * name ({@code api:}) from the gateway's own class path, where the launcher puts every service's jars.
 */
final class GatewayTopology
{
    private GatewayTopology()
    {
    }

    /**
     * @throws IllegalArgumentException for a topology without a {@code gateway:} section, a called service
     *                                  without {@code api:}, or an api class that is not on the class path.
     * @throws io.procmesh.launcher.topology.TopologyException for a topology the loader refuses.
     */
    static GatewayContext configure(final GatewayContext context, final Path file)
    {
        return configure(context, new TopologyLoader(GatewayTopology.class.getClassLoader()).load(file), file.toString());
    }

    private static GatewayContext configure(final GatewayContext context, final Topology topology, final String file)
    {
        final ClassLoader loader = GatewayTopology.class.getClassLoader();
        final GatewayDefinition gateway = topology.gateway();
        if (gateway == null)
        {
            throw new IllegalArgumentException(file + " has no gateway: section");
        }
        final Set<String> called = new LinkedHashSet<>();
        for (final RouteDefinition route : gateway.routes())
        {
            called.add(route.service());
        }
        for (final String call : gateway.expose())
        {
            called.add(call.substring(0, Math.max(0, call.lastIndexOf('.'))));
        }
        context.gateway(gateway);
        for (final String name : called)
        {
            final ServiceDefinition service = topology.service(name);
            if (service == null || service.api() == null)
            {
                throw new IllegalArgumentException(file + ": service '" + name + "' is called by the gateway but " +
                    "has no api: (the interface its routes call)");
            }
            try
            {
                context.api(name, Class.forName(service.api(), false, loader));
            }
            catch (final ClassNotFoundException | LinkageError ex)
            {
                throw new IllegalArgumentException(file + ": api " + service.api() + " of service '" + name +
                    "' is not on the gateway's class path (" + ex + ")", ex);
            }
        }
        return context;
    }
}
