/**
 * Supervision: the state machine that starts, watches, restarts and stops service JVMs, all from one thread,
 * through {@code process} (children), {@code recovery} (the registry) and {@code state} (files).
 * <pre>
 * Launcher (lock, registry, loop) ─▶ Supervisor.doWork(now)
 *     ├─ RestartRequests ◀─ ControlDirectory ─▶ RollingRestart ×n (one instance at a time; unrelated services
 *     │        side by side; ends FAILED-blocked or past grace + start timeout)
 *     │                                      └─▶ Scaling ×n (Fleet.add: next numbers; highest ─▶ Drain:
 *     │        DRAINING until the inbox is empty, SIGTERM, RETIRED, dropped from the Fleet)
 *     ├─ RegistryWatchdog: lock probe ×2, no stopped mapper (RegistryMappers) ─▶ WedgeRecovery
 *     ├─ SupervisedInstance.onCycle ×n (InstancePhase) ─▶ ChildSpawner
 *     │        ├─ InstanceProcess (child, pid, starts), PendingStop (SIGTERM, SIGKILL), StartSchedule (backoff)
 *     │        ├─ InstanceReport (state, detail, since) ─▶ stateEntry()
 *     │        └─ SupervisedService: dependencies UP?  RestartIntensity: FAILED?
 *     └─ LauncherStateFile.write (on change) ─▶ status, down, restart read it
 * Adoption (at start): registry pid + /proc cmdline ─▶ AdoptedChild
 * GracefulStop (at the end, and for down): stop layers, SIGTERM, SIGKILL after the grace period
 * </pre>
 */
package io.procmesh.launcher.supervisor;
