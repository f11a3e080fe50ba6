/**
 * Measuring the launcher from outside, as an operator sees it: launcher/measure-figures.sh and the benchmark
 * suite's failover scenario both use these.
 * <pre>
 * state.json ─▶ LauncherStateWatch.await(condition)     (polled; the times come from the file, not the poll)
 * SIGKILL ─▶ FailoverProbe ─▶ Failover {detected after, UP again after}
 * </pre>
 * Times compare System.nanoTime across processes: CLOCK_MONOTONIC on Linux, shared by every process on the host.
 */
package io.procmesh.launcher.figures;
