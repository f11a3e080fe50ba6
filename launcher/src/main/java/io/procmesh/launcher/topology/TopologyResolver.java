package io.procmesh.launcher.topology;

import io.procmesh.core.config.Names;
import io.procmesh.launcher.LauncherConfiguration;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Turns a topology document into a {@link Topology}: fills defaults (service value, then the {@code defaults}
 * block, then {@link LauncherConfiguration}) and rejects anything unusable with the line it is on.
 */
final class TopologyResolver
{
    private static final int MAX_INSTANCES = 64;
    private static final List<String> RESERVED_OPTIONS = List.of("-cp", "-classpath", "--class-path", "-jar");
    private static final List<String> RESERVED_OPTION_PREFIXES = List.of(
        "--class-path=", "-Dprocmesh.instanceId=", "-Dprocmesh.dataDir=");

    private final String source;
    private final Path baseDirectory;
    private final ClassLoader classLoader;

    /**
     * @param baseDirectory what a relative dataDir is resolved against: the topology file's directory.
     * @param classLoader   where main classes must be found: the one the children will get.
     */
    TopologyResolver(final String source, final Path baseDirectory, final ClassLoader classLoader)
    {
        this.source = source;
        this.baseDirectory = baseDirectory;
        this.classLoader = classLoader;
    }

    Topology resolve(final TopologyDocument document)
    {
        if (document == null || document.services() == null || document.services().isEmpty())
        {
            throw new TopologyException(new SourceMark(source, 1, 1),
                "no services defined: a topology needs a 'services' mapping with at least one service");
        }
        final TopologyDocument.Defaults defaults = document.defaults() != null ?
            document.defaults() : new TopologyDocument.Defaults(null, null, null);

        final List<ServiceDefinition> declared = new ArrayList<>();
        final LinkedHashMap<String, List<Located<String>>> edges = new LinkedHashMap<>();
        for (final TopologyDocument.ServiceDeclaration declaration : document.services())
        {
            final ServiceDefinition service = service(declaration, defaults);
            declared.add(service);
            edges.put(service.name(), orEmpty(declaration.entry().dependsOn()));
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
            dataDir(document.dataDir()),
            positive(document.healthCheckIntervalMs(), null, LauncherConfiguration.healthCheckIntervalMs(),
                "healthCheckIntervalMs"),
            atLeast(0, document.shutdownGraceMs(), null, LauncherConfiguration.shutdownGraceMs(),
                "shutdownGraceMs"),
            inStartOrder,
            layers,
            new GatewaySectionResolver(source).resolve(document.gateway(), declared));
    }

    private ServiceDefinition service(
        final TopologyDocument.ServiceDeclaration declaration, final TopologyDocument.Defaults defaults)
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
        if (entry == null || entry.mainClass() == null || blank(entry.mainClass().value()))
        {
            throw new TopologyException(name.mark(source), "service '" + name.value() + "' has no mainClass");
        }
        final String path = "services." + name.value();
        requireMainClass(entry.mainClass(), name.value());

        final int instances = entry.instances() == null ? 1 : entry.instances().value();
        if (instances < 1 || instances > MAX_INSTANCES)
        {
            throw new TopologyException(entry.instances().mark(source),
                path + ".instances must be between 1 and " + MAX_INSTANCES + ", was " + instances);
        }

        final List<String> jvmOptions = new ArrayList<>(jvmOptions(defaults.jvmOptions()));
        jvmOptions.addAll(jvmOptions(entry.jvmOptions()));
        final List<String> dependsOn = new ArrayList<>();
        for (final Located<String> dependency : orEmpty(entry.dependsOn()))
        {
            dependsOn.add(dependency.value());
        }

        return new ServiceDefinition(
            name.value(),
            entry.mainClass().value().trim(),
            instances,
            jvmOptions,
            entry.args() == null ? List.of() : entry.args(),
            dependsOn,
            health(path, entry.health(), defaults.health()),
            restart(path, entry.restart(), defaults.restart()),
            entry.api() == null || blank(entry.api().value()) ? null : entry.api().value().trim());
    }

    private HealthPolicy health(
        final String path, final TopologyDocument.HealthEntry own, final TopologyDocument.HealthEntry defaults)
    {
        final TopologyDocument.HealthEntry service = own != null ?
            own : new TopologyDocument.HealthEntry(null, null, null);
        final TopologyDocument.HealthEntry common = defaults != null ?
            defaults : new TopologyDocument.HealthEntry(null, null, null);
        return new HealthPolicy(
            positive(service.heartbeatTimeoutMs(), common.heartbeatTimeoutMs(),
                LauncherConfiguration.heartbeatTimeoutMs(), path + ".health.heartbeatTimeoutMs"),
            positive(service.stuckAfterMs(), common.stuckAfterMs(),
                LauncherConfiguration.stuckAfterMs(), path + ".health.stuckAfterMs"),
            positive(service.startTimeoutMs(), common.startTimeoutMs(),
                LauncherConfiguration.startTimeoutMs(), path + ".health.startTimeoutMs"));
    }

    private RestartPolicy restart(
        final String path, final TopologyDocument.RestartEntry own, final TopologyDocument.RestartEntry defaults)
    {
        final TopologyDocument.RestartEntry service = own != null ?
            own : new TopologyDocument.RestartEntry(null, null, null, null, null);
        final TopologyDocument.RestartEntry common = defaults != null ?
            defaults : new TopologyDocument.RestartEntry(null, null, null, null, null);
        final long initialBackoffMs = atLeast(0, service.initialBackoffMs(), common.initialBackoffMs(),
            LauncherConfiguration.initialBackoffMs(), path + ".restart.initialBackoffMs");
        final long maxBackoffMs = atLeast(initialBackoffMs, service.maxBackoffMs(), common.maxBackoffMs(),
            Math.max(initialBackoffMs, LauncherConfiguration.maxBackoffMs()),
            path + ".restart.maxBackoffMs (not below initialBackoffMs)");
        return new RestartPolicy(
            initialBackoffMs,
            maxBackoffMs,
            atLeast(0, service.stableAfterMs(), common.stableAfterMs(),
                LauncherConfiguration.stableAfterMs(), path + ".restart.stableAfterMs"),
            (int)atLeast(0, widen(service.maxRestarts()), widen(common.maxRestarts()),
                LauncherConfiguration.maxRestarts(), path + ".restart.maxRestarts"),
            (int)atLeast(1, widen(service.withinSeconds()), widen(common.withinSeconds()),
                LauncherConfiguration.restartWindowSeconds(), path + ".restart.withinSeconds"));
    }

    private void requireMainClass(final Located<String> mainClass, final String service)
    {
        final String className = mainClass.value().trim();
        final Class<?> type;
        try
        {
            type = Class.forName(className, false, classLoader);
        }
        catch (final ClassNotFoundException | LinkageError ex)
        {
            throw new TopologyException(mainClass.mark(source), "main class '" + className + "' of service '" +
                service + "' is not on the launcher's class path", ex);
        }
        try
        {
            final Method main = type.getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers()))
            {
                throw new NoSuchMethodException("main is not static");
            }
        }
        catch (final NoSuchMethodException ex)
        {
            throw new TopologyException(mainClass.mark(source), "main class '" + className + "' of service '" +
                service + "' has no public static void main(String[])", ex);
        }
    }

    private List<String> jvmOptions(final List<Located<String>> options)
    {
        final List<String> result = new ArrayList<>();
        for (final Located<String> option : orEmpty(options))
        {
            final String value = option.value() == null ? "" : option.value().trim();
            if (value.isEmpty())
            {
                throw new TopologyException(option.mark(source), "empty jvmOption");
            }
            if (isReserved(value))
            {
                throw new TopologyException(option.mark(source), "jvmOption '" + value +
                    "' is reserved: the launcher sets the class path, procmesh.instanceId and procmesh.dataDir");
            }
            result.add(value);
        }
        return result;
    }

    private static boolean isReserved(final String option)
    {
        if (RESERVED_OPTIONS.contains(option))
        {
            return true;
        }
        for (final String prefix : RESERVED_OPTION_PREFIXES)
        {
            if (option.startsWith(prefix))
            {
                return true;
            }
        }
        return false;
    }

    private Path dataDir(final Located<String> dataDir)
    {
        if (dataDir == null)
        {
            return null;
        }
        if (blank(dataDir.value()))
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

    private long positive(final Located<Long> own, final Located<Long> common, final long builtIn, final String path)
    {
        return atLeast(1, own, common, builtIn, path);
    }

    private long atLeast(
        final long minimum, final Located<Long> own, final Located<Long> common, final long builtIn, final String path)
    {
        final Located<Long> chosen = own != null && own.value() != null ? own : common;
        if (chosen == null || chosen.value() == null)
        {
            return builtIn;
        }
        if (chosen.value() < minimum)
        {
            throw new TopologyException(chosen.mark(source),
                path + " must be at least " + minimum + ", was " + chosen.value());
        }
        return chosen.value();
    }

    private static Located<Long> widen(final Located<Integer> value)
    {
        return value == null || value.value() == null ?
            null : new Located<>(value.value().longValue(), value.line(), value.column());
    }

    private static <T> List<T> orEmpty(final List<T> list)
    {
        return list == null ? List.of() : list;
    }

    private static boolean blank(final String value)
    {
        return value == null || value.isBlank();
    }
}
