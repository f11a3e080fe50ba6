package io.procmesh.launcher.topology;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A validated topology: services in start order (every service after the ones it depends on), and the
 * launcher settings.
 *
 * @param source   where it was read from, for messages: the file's path as given.
 * @param file     the topology file, absolute; null for a topology read from text (tests).
 * @param dataDir  the data directory the topology asks for, or null to use the command line or the default.
 * @param services every service, the gateway ({@link GatewayDefinition#SERVICE_NAME}) last when there is one.
 * @param layers   services grouped by dependency depth: layer 0 depends on nothing, layer n only on layers below.
 * @param gateway  the {@code gateway:} section, or null when the topology has none.
 * @param alertWebhook where alerts are posted ({@code alerting: {webhook: ...}}), or null for none.
 */
public record Topology(
    String source,
    Path file,
    Path dataDir,
    long healthCheckIntervalMs,
    long shutdownGraceMs,
    List<ServiceDefinition> services,
    List<List<String>> layers,
    GatewayDefinition gateway,
    URI alertWebhook)
{
    private static final String OVERLAY_SUFFIX = ".overlay.json";

    /**
     * A topology without a file or a gateway, as tests of the supervisor build one.
     */
    public Topology(
        final String source,
        final Path dataDir,
        final long healthCheckIntervalMs,
        final long shutdownGraceMs,
        final List<ServiceDefinition> services,
        final List<List<String>> layers)
    {
        this(source, null, dataDir, healthCheckIntervalMs, shutdownGraceMs, services, layers, null, null);
    }

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

    /**
     * The live-config overlay of a topology file: {@code /x/y/name.yaml} has {@code /x/y/name.overlay.json} beside
     * it (any extension is replaced). {@code procmesh config} writes it; services read it.
     */
    public static Path overlayOf(final Path topologyFile)
    {
        final Path absolute = topologyFile.toAbsolutePath().normalize();
        final String name = absolute.getFileName().toString();
        final int dot = name.lastIndexOf('.');
        return absolute.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + OVERLAY_SUFFIX);
    }
}
