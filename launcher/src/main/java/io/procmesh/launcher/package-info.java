/**
 * The procmesh launcher: an executable jar that runs a topology of services, each instance in its own JVM.
 * <pre>
 * cli.LauncherMain ─▶ cli (picocli: up, down, status, restart)
 *                  │ up
 *                  ▼
 *            topology (YAML ─▶ validated Topology, errors at file:line:column)
 *                  │
 *                  ▼
 *            supervisor.Launcher ── state (lock, state file, control dir), recovery (registry)
 *                  │ every healthCheckIntervalMs, and at once when a child exits
 *                  ▼
 *            supervisor.Supervisor ─▶ SupervisedInstance ×n ─▶ health.InstanceHealth (slot, lock-free)
 *                                          │ spawn / SIGKILL / restart with backoff, intensity limit
 *                                          ▼
 *                                     process: child JVMs (logs/&lt;instance&gt;.log)
 * </pre>
 * Commands other than up never talk to the launcher: they read the shared registry and
 * {@code launcher/state.json}, signal pids, or drop a request file in {@code launcher/control/}.
 */
package io.procmesh.launcher;
