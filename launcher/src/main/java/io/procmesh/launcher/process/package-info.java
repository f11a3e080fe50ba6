/**
 * Child processes: the command line and class path of a service JVM, spawning it (own process group, log file,
 * class-data archive), adopting one a killed launcher left, finding them all through /proc, signalling their
 * process groups, and stopping them within one deadline. Knows nothing of supervision policy; imports only
 * {@code state} (pid files) and the launcher's root settings.
 * <pre>
 * ChildSpawner ─▶ SpawnedChild ─┐
 * Adoption      ─▶ AdoptedChild ─┴▶ ChildProcess (pid, signal group, exit) ─▶ ProcessSignals, ProcStat
 * InstanceProcesses: -Dprocmesh.instanceId / -Dprocmesh.dataDir in /proc/&lt;pid&gt;/cmdline
 * GracefulStop: layers, SIGTERM, SIGKILL after the grace, one deadline, 20 ms liveness polls
 * LastResort: SIGKILL to every instance found in /proc when a stop overran its cap
 * ClassDataArchive ─▶ ClassDataTrainingMain: one training JVM, then children map the archive
 * </pre>
 */
package io.procmesh.launcher.process;
