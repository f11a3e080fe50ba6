package io.procmesh.launcher.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A validated topology: services in start order (every service after the ones it depends on), and the
 * launcher settings.
 *
 * @param source  where it was read from, for messages: a file path or the bundled resource name.
 * @param dataDir the data directory the topology asks for, or null to use the command line or the default.
 * @param layers  services grouped by dependency depth: layer 0 depends on nothing, layer n only on layers below.
 * @param gateway the {@code gateway:} section, or null when the topology has none.
 */
public record Topology(
    String source,
    Path dataDir,
    long healthCheckIntervalMs,
    long shutdownGraceMs,
    List<ServiceDefinition> services,
    List<List<String>> layers,
    GatewayDefinition gateway)
{
    public Topology
    {
        services = List.copyOf(services);
        final List<List<String>> copies = new ArrayList<>();
        for (final List<String> layer : layers)
        {
            copies.add(List.copyOf(layer));
        }
        layers = List.copyOf(copies);
    }

    public ServiceDefinition service(final String name)
    {
        for (final ServiceDefinition service : services)
        {
            if (service.name().equals(name))
            {
                return service;
            }
        }
        return null;
    }

    /**
     * @return layers in stop order: services nothing depends on first, the ones everything depends on last.
     */
    public List<List<String>> stopLayers()
    {
        final List<List<String>> reversed = new ArrayList<>(layers);
        Collections.reverse(reversed);
        return List.copyOf(reversed);
    }

    public List<String> serviceNames()
    {
        final List<String> names = new ArrayList<>(services.size());
        for (final ServiceDefinition service : services)
        {
            names.add(service.name());
        }
        return names;
    }

    public int instanceCount()
    {
        int count = 0;
        for (final ServiceDefinition service : services)
        {
            count += service.instances();
        }
        return count;
    }
}
