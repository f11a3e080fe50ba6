package io.procmesh.launcher.topology;

import io.procmesh.launcher.LauncherConfiguration;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings a service and the gateway share (JVM options, health and restart policies): each from the entry's
 * own value, then the {@code defaults} block, then {@link LauncherConfiguration}, and refused at its line when out of
 * range.
 */
final class SettingsResolver
{
    private static final List<String> RESERVED_OPTIONS = List.of("-cp", "-classpath", "--class-path", "-jar");
    private static final List<String> RESERVED_OPTION_PREFIXES = List.of(
        "--class-path=", "-Dprocmesh.instanceId=", "-Dprocmesh.dataDir=", "-Dprocmesh.serviceName=",
        "-Dprocmesh.service.", "-D" + io.procmesh.core.config.Configuration.LOAD_BALANCING_PROP_PREFIX,
        "-D" + io.procmesh.core.config.Configuration.AFFINITY_KEY_PROP_PREFIX,
        "-D" + io.procmesh.core.config.Configuration.BREAKER_PROP_PREFIX,
        // procmesh.partition, procmesh.partitions and procmesh.partitions.<service>: the topology's partitions.
        "-D" + io.procmesh.core.config.Configuration.PARTITION_PROP_NAME);

    private final String source;

    SettingsResolver(final String source)
    {
        this.source = source;
    }

    List<String> jvmOptions(final List<Located<String>> common, final List<Located<String>> own)
    {
        final List<String> result = new ArrayList<>(jvmOptions(common));
        result.addAll(jvmOptions(own));
        return result;
    }

    private List<String> jvmOptions(final List<Located<String>> options)
    {
        final List<String> result = new ArrayList<>();
        for (final Located<String> option : options == null ? List.<Located<String>>of() : options)
        {
            final String value = option.value() == null ? "" : option.value().trim();
            if (value.isEmpty())
            {
                throw new TopologyException(option.mark(source), "empty jvmOption");
            }
            if (isReserved(value))
            {
                throw new TopologyException(option.mark(source), "jvmOption '" + value + "' is reserved: the " +
                    "launcher sets the class path, procmesh.instanceId, procmesh.dataDir, procmesh.serviceName, " +
                    "procmesh.service.*, and procmesh.loadBalancing.*, procmesh.affinityKey.* and procmesh.breaker.* " +
                    "(from the services' loadBalancing, affinityKey and breaker)");
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

    HealthPolicy health(
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

    RestartPolicy restart(
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

    RolloutPolicy rollout(final String path, final TopologyDocument.RolloutEntry own)
    {
        final TopologyDocument.RolloutEntry entry = own != null ? own : new TopologyDocument.RolloutEntry(null, null);
        final Located<Double> rate = entry.maxErrorRate();
        if (rate != null && rate.value() != null && !(rate.value() >= 0 && rate.value() <= 1))
        {
            throw new TopologyException(rate.mark(source),
                path + ".rollout.maxErrorRate must be between 0 and 1, was " + rate.value());
        }
        return new RolloutPolicy(
            atLeast(0, entry.soakMs(), null, LauncherConfiguration.rolloutSoakMs(), path + ".rollout.soakMs"),
            rate != null && rate.value() != null ? rate.value() : LauncherConfiguration.rolloutMaxErrorRate());
    }

    long positive(final Located<Long> own, final Located<Long> common, final long builtIn, final String path)
    {
        return atLeast(1, own, common, builtIn, path);
    }

    long atLeast(
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
}
