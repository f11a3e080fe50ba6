package io.procmesh.launcher.topology;

import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.Names;
import io.procmesh.launcher.LauncherConfiguration;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Turns a topology document into a {@link Topology}: fills defaults (service value, then the {@code defaults}
 * block, then {@link LauncherConfiguration}), checks each service's class path and classes where its child will
 * find them, checks the gateway's routes against the apis, and rejects anything unusable with the line it is on.
 */
final class TopologyResolver
{
    private static final int MAX_INSTANCES = 64;

    private final String source;
    private final Path file;
    private final Path baseDirectory;
    private final ClassLoader classLoader;
    private final SettingsResolver settings;
    private final ServiceClassPath classPaths;

    /**
     * @param file          the topology file, absolute, or null for text (tests): the gateway and the overlay need it.
     * @param baseDirectory what relative paths (dataDir, classPath) are resolved against: the file's directory.
     * @param classLoader   the launcher's: the parent of each service's class path, as on the child's command line.
     */
    TopologyResolver(final String source, final Path file, final Path baseDirectory, final ClassLoader classLoader)
    {
        this.source = source;
        this.file = file;
        this.baseDirectory = baseDirectory;
        this.classLoader = classLoader;
        this.settings = new SettingsResolver(source);
        this.classPaths = new ServiceClassPath(source, baseDirectory);
    }

    Topology resolve(final TopologyDocument document)
    {
        if (document == null || document.services() == null || document.services().isEmpty())
        {
            throw new TopologyException(new SourceMark(source, 1, 1),
                "no services defined: a topology needs a 'services' mapping with at least one service");
        }
        final TopologyDocument.Defaults defaults = document.defaults() != null ?
            document.defaults() : new TopologyDocument.Defaults(null, null, null, null);

        final Map<String, String> balancing = new BalancingResolver(source).properties(document.services());
        balancing.putAll(new BreakerResolver(source).properties(document.services(), defaults.breaker()));
        final List<ServiceDefinition> declared = new ArrayList<>();
        final LinkedHashMap<String, List<Located<String>>> edges = new LinkedHashMap<>();
        final Map<String, Map<String, Integer>> operations = new LinkedHashMap<>();
        for (final TopologyDocument.ServiceDeclaration declaration : document.services())
        {
            if (document.gateway() != null && GatewayDefinition.SERVICE_NAME.equals(declaration.name().value()))
            {
                throw new TopologyException(declaration.name().mark(source), "service 'gateway' is reserved when " +
                    "the topology has a gateway: section (the launcher runs the gateway under that name)");
            }
            final ServiceDefinition service = service(declaration, defaults, operations, balancing);
            declared.add(service);
            edges.put(service.name(), orEmpty(declaration.entry().dependsOn()));
        }

        GatewayDefinition gateway = null;
        if (document.gateway() != null)
        {
            gateway = new GatewayResolver(source, operations, new ArrayList<>(edges.keySet()))
                .resolve(document.gateway());
            final List<Located<String>> before = gatewayDependencies(edges, gateway);
            edges.put(GatewayDefinition.SERVICE_NAME, before);
            declared.add(gatewayService(document.gateway(), defaults, gateway, declared, before, balancing));
        }

        final List<List<String>> layers = new DependencyGraph(source, edges).layers();
        final List<ServiceDefinition> inStartOrder = new ArrayList<>();
        for (final List<String> layer : layers)
        {
            for (final String name : layer)
            {
                for (final ServiceDefinition service : declared)
                {
                    if (service.name().equals(name))
                    {
                        inStartOrder.add(service);
                    }
                }
            }
        }

        return new Topology(
            source,
            file,
            dataDir(document.dataDir()),
            settings.positive(document.healthCheckIntervalMs(), null, LauncherConfiguration.healthCheckIntervalMs(),
                "healthCheckIntervalMs"),
            settings.atLeast(0, document.shutdownGraceMs(), null, LauncherConfiguration.shutdownGraceMs(),
                "shutdownGraceMs"),
            inStartOrder,
            layers,
            gateway,
            alertWebhook(document.alerting()));
    }

    /**
     * @return the webhook alerts are posted to: an absolute http or https URL; null without {@code alerting:}.
     */
    private URI alertWebhook(final TopologyDocument.AlertingEntry alerting)
    {
        if (alerting == null || alerting.webhook() == null)
        {
            return null;
        }
        final Located<String> webhook = alerting.webhook();
        final String text = webhook.value() == null ? "" : webhook.value().trim();
        try
        {
            final URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null)
            {
                return uri;
            }
        }
        catch (final URISyntaxException ex)
        {
            // Refused below, with the same words as any other bad value.
        }
        throw new TopologyException(webhook.mark(source), "alerting.webhook must be an http or https URL with a " +
            "host, e.g. http://127.0.0.1:5001/alerts, was '" + text + "'");
    }

    private ServiceDefinition service(
        final TopologyDocument.ServiceDeclaration declaration,
        final TopologyDocument.Defaults defaults,
        final Map<String, Map<String, Integer>> operations,
        final Map<String, String> balancing)
    {
        final Located<String> name = declaration.name();
        try
        {
            Names.requireValid("service", name.value());
            Names.requireValid("instance", name.value() + "-" + MAX_INSTANCES);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new TopologyException(name.mark(source), ex.getMessage() + " (instance ids add '-<n>')");
        }
        final TopologyDocument.ServiceEntry entry = declaration.entry();
        final boolean hasMain = entry != null && !blank(entry.mainClass());
        final boolean hasImplementation = entry != null && !blank(entry.implementation());
        if (hasMain == hasImplementation)
        {
            throw new TopologyException(name.mark(source), "service '" + name.value() + "' has " +
                (hasMain ? "both mainClass and implementation: give one" :
                    "neither mainClass nor implementation: give one"));
        }
        if (hasImplementation && blank(entry.api()))
        {
            throw new TopologyException(entry.implementation().mark(source), "service '" + name.value() +
                "' has an implementation but no api: name the interface its callers use");
        }
        final String path = "services." + name.value();
        final List<Path> classPath = classPaths.resolve(name.value(), entry.classPath());
        try (ServiceClasses classes = new ServiceClasses(source, name.value(), classPath, classLoader))
        {
            if (hasMain)
            {
                classes.requireMainClass(entry.mainClass());
            }
            if (!blank(entry.api()))
            {
                operations.put(name.value(), classes.requireApi(entry.api()));
            }
            if (hasImplementation)
            {
                classes.requireImplementation(entry.implementation(), entry.api());
            }
        }

        // A partitioned service runs one instance per partition (BalancingResolver checked instances against it).
        final int instances = entry.partitions() != null ? entry.partitions().value() :
            entry.instances() == null ? 1 : entry.instances().value();
        if (instances < 1 || instances > MAX_INSTANCES)
        {
            throw new TopologyException(entry.instances().mark(source),
                path + ".instances must be between 1 and " + MAX_INSTANCES + ", was " + instances);
        }
        final int maxInstances = maxInstances(path, entry, instances);
        final List<String> dependsOn = new ArrayList<>();
        for (final Located<String> dependency : orEmpty(entry.dependsOn()))
        {
            dependsOn.add(dependency.value());
        }
        final String api = trimmed(entry.api());
        final String implementation = trimmed(entry.implementation());
        final String version = trimmed(entry.version());

        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put(Configuration.SERVICE_NAME_PROP_NAME, name.value());
        putIfSet(properties, Configuration.SERVICE_API_PROP_NAME, api);
        putIfSet(properties, Configuration.SERVICE_IMPLEMENTATION_PROP_NAME, implementation);
        putIfSet(properties, Configuration.SERVICE_VERSION_PROP_NAME, version);
        putIfSet(properties, Configuration.METADATA_PROP_NAME,
            new MetadataResolver(source).encode(path, entry.metadata(), name.mark(source)));
        if (file != null)
        {
            properties.put(Configuration.SERVICE_CONFIG_OVERLAY_PROP_NAME, Topology.overlayOf(file).toString());
        }
        properties.putAll(balancing);
        new SelectorResolver(source).put(path, entry, name.mark(source), properties);

        return new ServiceDefinition(
            name.value(),
            hasMain ? entry.mainClass().value().trim() : ServiceDefinition.SERVICE_MAIN,
            instances,
            maxInstances,
            settings.jvmOptions(defaults.jvmOptions(), entry.jvmOptions()),
            entry.args() == null ? List.of() : entry.args(),
            dependsOn,
            settings.health(path, entry.health(), defaults.health()),
            settings.restart(path, entry.restart(), defaults.restart()),
            classPath,
            api,
            implementation,
            version,
            entry.config() == null || entry.config().value() == null ? Map.of() : entry.config().value(),
            properties,
            standby(path, entry, hasMain),
            settings.rollout(path, entry.rollout()));
    }

    /**
     * @return {@code standby:}, false by default; only an {@code implementation:} service (run by ServiceMain, which
     * knows how to wait and take over) may have one.
     */
    private boolean standby(final String path, final TopologyDocument.ServiceEntry entry, final boolean hasMain)
    {
        if (entry.standby() == null || entry.standby().value() == null || !entry.standby().value())
        {
            return false;
        }
        if (hasMain)
        {
            throw new TopologyException(entry.standby().mark(source), path + ".standby needs implementation: " +
                "a mainClass service does not run ServiceMain, which is what waits and takes over");
        }
        return true;
    }

    /**
     * @return the service's {@code maxInstances}: as given (at least {@code instances}, at most
     * {@link #MAX_INSTANCES}), else max(instances, {@link LauncherConfiguration#MAX_INSTANCES_DEFAULT}).
     */
    private int maxInstances(final String path, final TopologyDocument.ServiceEntry entry, final int instances)
    {
        if (entry.maxInstances() == null)
        {
            return Math.max(instances, LauncherConfiguration.MAX_INSTANCES_DEFAULT);
        }
        final int maxInstances = entry.maxInstances().value();
        if (maxInstances < 1 || maxInstances > MAX_INSTANCES)
        {
            throw new TopologyException(entry.maxInstances().mark(source),
                path + ".maxInstances must be between 1 and " + MAX_INSTANCES + ", was " + maxInstances);
        }
        if (instances > maxInstances)
        {
            throw new TopologyException(entry.instances().mark(source), path + ".instances (" + instances +
                ") is above " + path + ".maxInstances (" + maxInstances + ")");
        }
        return maxInstances;
    }

    /**
     * @return what the gateway starts after: the services its routes and {@code expose} call, in file order. Not
     * every service: one that FAILED, or that nothing routes to, would keep the gateway, and every route, down.
     */
    private static List<Located<String>> gatewayDependencies(
        final Map<String, List<Located<String>>> edges, final GatewayDefinition gateway)
    {
        final Map<String, SourceMark> called = new LinkedHashMap<>();
        for (final RouteDefinition route : gateway.routes())
        {
            called.putIfAbsent(route.service(), route.mark());
        }
        for (final String call : gateway.expose())
        {
            called.putIfAbsent(call.substring(0, call.indexOf('.')), null);
        }
        final List<Located<String>> before = new ArrayList<>();
        for (final String service : edges.keySet())
        {
            if (called.containsKey(service))
            {
                final SourceMark mark = called.get(service);
                before.add(new Located<>(service, mark == null ? 0 : mark.line(), mark == null ? 0 : mark.column()));
            }
        }
        return before;
    }

    /**
     * The gateway as one more service: after the services it calls, on every service's class path (it loads their
     * apis), then the launcher's, told its port and where the topology is.
     */
    private ServiceDefinition gatewayService(
        final TopologyDocument.GatewayEntry entry,
        final TopologyDocument.Defaults defaults,
        final GatewayDefinition gateway,
        final List<ServiceDefinition> services,
        final List<Located<String>> before,
        final Map<String, String> balancing)
    {
        final LinkedHashSet<Path> classPath = new LinkedHashSet<>();
        for (final ServiceDefinition service : services)
        {
            classPath.addAll(service.classPath());
        }
        final List<String> dependsOn = new ArrayList<>();
        for (final Located<String> service : before)
        {
            dependsOn.add(service.value());
        }
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put(Configuration.SERVICE_NAME_PROP_NAME, GatewayDefinition.SERVICE_NAME);
        properties.put(GatewayDefinition.PORT_PROP_NAME, Integer.toString(gateway.port()));
        properties.put(GatewayDefinition.TOPOLOGY_PROP_NAME, file != null ? file.toString() : source);
        properties.putAll(balancing);
        final String path = "gateway";
        return new ServiceDefinition(
            GatewayDefinition.SERVICE_NAME,
            GatewayDefinition.MAIN_CLASS,
            1,
            // One gateway: it owns the port.
            1,
            settings.jvmOptions(defaults.jvmOptions(), entry.jvmOptions()),
            List.of(),
            dependsOn,
            settings.health(path, entry.health(), defaults.health()),
            settings.restart(path, entry.restart(), defaults.restart()),
            List.copyOf(classPath),
            null,
            null,
            null,
            Map.of(),
            properties,
            false,
            settings.rollout(path, null));
    }

    private Path dataDir(final Located<String> dataDir)
    {
        if (dataDir == null)
        {
            return null;
        }
        if (blank(dataDir))
        {
            throw new TopologyException(dataDir.mark(source), "dataDir is empty");
        }
        try
        {
            final Path path = Path.of(dataDir.value().trim());
            return (path.isAbsolute() ? path : baseDirectory.resolve(path)).toAbsolutePath().normalize();
        }
        catch (final InvalidPathException ex)
        {
            throw new TopologyException(dataDir.mark(source), "dataDir '" + dataDir.value() + "' is not a valid path");
        }
    }

    private static void putIfSet(final Map<String, String> properties, final String name, final String value)
    {
        if (value != null)
        {
            properties.put(name, value);
        }
    }

    private static String trimmed(final Located<String> value)
    {
        return blank(value) ? null : value.value().trim();
    }

    private static <T> List<T> orEmpty(final List<T> list)
    {
        return list == null ? List.of() : list;
    }

    private static boolean blank(final Located<String> value)
    {
        return value == null || value.value() == null || value.value().isBlank();
    }
}
