package io.procmesh.launcher.topology;

import io.procmesh.core.config.Configuration;
import io.procmesh.launcher.LauncherConfiguration;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service of a validated topology: how to start each of its instances and how to supervise them.
 *
 * @param mainClass      the main class the child runs: the topology's {@code mainClass}, or core's
 *                       {@code ServiceMain} ({@link #SERVICE_MAIN}) for a service given by {@code implementation}.
 * @param instances      how many the topology starts; `procmesh scale` changes the count in force.
 * @param maxInstances   the most `procmesh scale` may run, at least {@code instances}.
 * @param jvmOptions     options placed before the launcher's own, e.g. {@code -Xmx256m} or {@code -Dprocmesh.x=y}.
 * @param args           program arguments after the main class.
 * @param classPath      the service's own jars and directories, absolute, in order; the launcher's class path
 *                       follows them on the child's command line.
 * @param api            the interface callers use, or null (then no route can call it).
 * @param implementation the class {@code ServiceMain} hosts, or null for a {@code mainClass} service.
 * @param version        the topology's version of the service, or null.
 * @param config         the topology's {@code config:} block (JSON-able values), empty when absent.
 * @param properties     system properties the launcher sets for the service, besides the data directory, instance
 *                       id and config file: its name, api, implementation, version, overlay, or the gateway's.
 * @param rollout        how `procmesh rollout` judges a new instance before draining an old one.
 */
public record ServiceDefinition(
    String name,
    String mainClass,
    int instances,
    int maxInstances,
    List<String> jvmOptions,
    List<String> args,
    List<String> dependsOn,
    HealthPolicy health,
    RestartPolicy restart,
    List<Path> classPath,
    String api,
    String implementation,
    String version,
    Map<String, Object> config,
    Map<String, String> properties,
    boolean standby,
    RolloutPolicy rollout)
{
    /**
     * The main class of every {@code implementation:} service: core's host for a plain class.
     */
    public static final String SERVICE_MAIN = "io.procmesh.core.service.ServiceMain";

    public ServiceDefinition
    {
        jvmOptions = List.copyOf(jvmOptions);
        args = List.copyOf(args);
        dependsOn = List.copyOf(dependsOn);
        classPath = List.copyOf(classPath);
        // Insertion order kept (and null values allowed in config): the file written from it reads as the YAML.
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /**
     * A {@code mainClass} service with nothing but the launcher's class path: what tests of the supervisor build.
     */
    public ServiceDefinition(
        final String name,
        final String mainClass,
        final int instances,
        final List<String> jvmOptions,
        final List<String> args,
        final List<String> dependsOn,
        final HealthPolicy health,
        final RestartPolicy restart)
    {
        this(name, mainClass, instances, Math.max(instances, LauncherConfiguration.MAX_INSTANCES_DEFAULT), jvmOptions,
            args, dependsOn, health, restart, List.of(), null, null, null, Map.of(), Map.of(), false,
            new RolloutPolicy(LauncherConfiguration.ROLLOUT_SOAK_MS_DEFAULT,
                LauncherConfiguration.ROLLOUT_MAX_ERROR_RATE_DEFAULT));
    }

    /**
     * @return the topology's {@code partitions:} of this service, 0 if it is not partitioned; instance
     * {@code <service>-k} of the topology serves partition k.
     */
    public int partitions()
    {
        final String count = properties.get(Configuration.PARTITIONS_PROP_PREFIX + name);
        return count == null ? 0 : Integer.parseInt(count);
    }

    /**
     * A release of this service for `procmesh rollout`: the same service, metadata and settings, another version
     * and class path. Only the version property of what the child is told changes.
     *
     * @param version   the release's version, or null for none.
     * @param classPath its own jars and directories, absolute; empty keeps none (the launcher's class path alone).
     */
    public ServiceDefinition release(final String version, final List<Path> classPath)
    {
        final Map<String, String> released = new LinkedHashMap<>(properties);
        if (version == null)
        {
            released.remove(Configuration.SERVICE_VERSION_PROP_NAME);
        }
        else
        {
            released.put(Configuration.SERVICE_VERSION_PROP_NAME, version);
        }
        return new ServiceDefinition(name, mainClass, instances, maxInstances, jvmOptions, args, dependsOn, health,
            restart, classPath, api, implementation, version, config, released, standby, rollout);
    }

    /**
     * @param ordinal 1-based.
     * @return the instance id, e.g. {@code user-1}: stable across restarts, so an instance keeps its inbox.
     */
    public String instanceId(final int ordinal)
    {
        return name + "-" + ordinal;
    }
}
