package io.procmesh.launcher.cli;

import io.procmesh.core.breaker.BreakerSnapshot;
import io.procmesh.core.breaker.BreakerTable;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.registry.InstanceMetadata;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.registry.PhiAccrual;
import io.procmesh.core.registry.Registry;
import io.procmesh.launcher.LauncherFiles;
import io.procmesh.launcher.process.InstanceProcesses;
import io.procmesh.launcher.recovery.RegistryAccess;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.state.LauncherStateFile;
import io.procmesh.launcher.state.RunningLauncher;
import io.procmesh.launcher.status.StatusSnapshot;
import io.procmesh.launcher.status.StatusSnapshotFile;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds a {@link StatusReport} from the launcher's state file (supervisor state, restarts) and the slots (pid,
 * heartbeat, counters): from the running launcher's {@code status.json} when it is fresh, so the command never
 * opens the Chronicle map (a cold JVM took 3 s and more to), else from the shared registry. When no launcher runs,
 * each state is derived from the registry and the process table: core's observed state (UP, STARTING, DRAINING,
 * UNRESPONSIVE, DOWN) while the pid is alive, DOWN once it is gone.
 */
final class StatusReader
{
    /**
     * The launcher rewrites its snapshot every 250 ms; one older than this means its supervising thread is stalled.
     */
    static final long MAX_SNAPSHOT_AGE_MS = 3_000;
    private static final long STALE_NS = TimeUnit.MILLISECONDS.toNanos(Configuration.instanceStaleMs());

    private final DataDirectory dataDirectory;
    private final LauncherFiles files;

    StatusReader(final DataDirectory dataDirectory)
    {
        this.dataDirectory = dataDirectory;
        this.files = new LauncherFiles(dataDirectory);
    }

    StatusReport read() throws IOException
    {
        final Optional<ProcessHandle> launcher = RunningLauncher.find(files);
        final Optional<LauncherState> state = new LauncherStateFile(files.stateFile()).read();
        final Map<String, InstanceSnapshot> registered = new LinkedHashMap<>();
        final long nowMs = System.currentTimeMillis();
        final Optional<StatusSnapshot> published = launcher.flatMap(this::freshSnapshot);
        if (published.isPresent())
        {
            // The launcher's view, a health check old: no Chronicle class is loaded, which is most of the time.
            for (final InstanceSnapshot member : published.get().members())
            {
                registered.put(member.instanceId(), member);
            }
            return report(launcher, state, registered, "", published.get().writtenAtNs(), nowMs,
                published.get().ageMs(System.nanoTime()), published.get().breakers());
        }
        final String note = readRegistry(registered);
        return report(launcher, state, registered, note, System.nanoTime(), nowMs, -1, readBreakers());
    }

    /**
     * @return the running launcher's last snapshot, if it wrote it and it is recent: a launcher whose
     * supervising thread is stalled (a wedged registry, a host under heavy load) leaves an old one, and the
     * registry is then read directly.
     */
    private Optional<StatusSnapshot> freshSnapshot(final ProcessHandle launcher)
    {
        return new StatusSnapshotFile(files.statusFile()).read()
            .filter(snapshot -> snapshot.launcherPid() == launcher.pid() &&
                snapshot.ageMs(System.nanoTime()) <= MAX_SNAPSHOT_AGE_MS);
    }

    /**
     * Fills registered from the registry itself.
     *
     * @return a note for the operator, or empty.
     */
    private String readRegistry(final Map<String, InstanceSnapshot> registered)
    {
        String note = "";
        if (Files.exists(dataDirectory.registryFile()))
        {
            final Optional<Registry> registry =
                RegistryAccess.openIfResponsive(dataDirectory, Configuration.registryMaxInstances());
            if (registry.isEmpty())
            {
                note = "the registry is wedged (a process died holding a lock): heartbeats and counters are " +
                    "unavailable; a running launcher recovers it within seconds, otherwise 'procmesh up' does";
            }
            else
            {
                try (Registry open = registry.get())
                {
                    for (final InstanceSnapshot snapshot : open.snapshot())
                    {
                        registered.put(snapshot.instanceId(), snapshot);
                    }
                }
            }
        }
        return note;
    }

    /**
     * @return the breakers as the table holds them now; none if no process ever made one.
     */
    private List<BreakerSnapshot> readBreakers()
    {
        if (!Files.exists(dataDirectory.breakerTable()))
        {
            return List.of();
        }
        try (BreakerTable table = BreakerTable.open(dataDirectory.breakerTable()))
        {
            return table.snapshot(System.nanoTime());
        }
    }

    private StatusReport report(
        final Optional<ProcessHandle> launcher,
        final Optional<LauncherState> state,
        final Map<String, InstanceSnapshot> registered,
        final String note,
        final long nowNs,
        final long nowMs,
        final long snapshotAgeMs,
        final List<BreakerSnapshot> breakers)
    {
        final List<StatusReport.Row> rows = new ArrayList<>();
        for (final LauncherState.Instance supervised : state.map(LauncherState::instances).orElse(List.of()))
        {
            rows.add(row(supervised, registered.remove(supervised.instanceId()), launcher.isPresent(), nowNs, nowMs));
        }
        for (final InstanceSnapshot other : registered.values())
        {
            rows.add(row(null, other, false, nowNs, nowMs));
        }
        return new StatusReport(dataDirectory.root().toString(), launcher.map(ProcessHandle::pid).orElse(0L), note,
            snapshotAgeMs, rows, breakers);
    }

    private StatusReport.Row row(
        final LauncherState.Instance supervised,
        final InstanceSnapshot snapshot,
        final boolean launcherRunning,
        final long nowNs,
        final long nowMs)
    {
        final String instanceId = supervised != null ? supervised.instanceId() : snapshot.instanceId();
        final long pid = snapshot != null ? snapshot.pid() : supervised.pid();
        final boolean alive = supervised != null ?
            InstanceProcesses.find(pid, instanceId, dataDirectory.root()).isPresent() :
            pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        final long heartbeatAgeMs = alive && snapshot != null ? snapshot.heartbeatAgeMs(nowNs) : -1;

        final String state;
        final String detail;
        if (launcherRunning && supervised != null)
        {
            state = supervised.state().name();
            detail = supervised.detail();
        }
        else
        {
            state = derivedState(snapshot, alive, nowNs).name();
            detail = supervised == null ? "not supervised by the launcher" : "launcher not running";
        }
        return new StatusReport.Row(
            instanceId,
            supervised != null ? supervised.service() : snapshot.service(),
            snapshot != null ? snapshot.version() : "",
            state,
            pid,
            alive,
            heartbeatAgeMs,
            alive && snapshot != null ? Math.round(PhiAccrual.CONFIGURED.phi(snapshot.heartbeatNs(),
                snapshot.heartbeatIntervals(), nowNs) * 10) / 10.0 : -1,
            alive && snapshot != null ? Math.max(0, nowMs - snapshot.startTimeMs()) : -1,
            supervised != null ? supervised.restarts() : 0,
            snapshot != null ? snapshot.requestsIn() : 0,
            snapshot != null ? snapshot.requestsOut() : 0,
            snapshot != null ? snapshot.errors() : 0,
            snapshot != null ? snapshot.timeouts() : 0,
            detail,
            supervised != null,
            metadata(snapshot),
            snapshot != null && snapshot.hasLiveStandby() ? snapshot.standbyPid() : 0);
    }

    /**
     * Decodes only when there is something: the table path of `status` loads no JSON classes it does not need.
     */
    private static Map<String, String> metadata(final InstanceSnapshot snapshot)
    {
        return snapshot == null || snapshot.metadata().isEmpty() ? Map.of() :
            InstanceMetadata.decode(snapshot.metadata());
    }

    /**
     * Without a running launcher to say, the state is core's observed one ({@link InstanceState#observed}, the
     * one {@link io.procmesh.core.registry.Liveness} rule), as callers and the gateway see it; a process that is
     * gone is DOWN whatever its entry says.
     */
    private static InstanceState derivedState(final InstanceSnapshot snapshot, final boolean alive, final long nowNs)
    {
        return alive && snapshot != null ? InstanceState.observed(snapshot, nowNs, STALE_NS) : InstanceState.DOWN;
    }
}
