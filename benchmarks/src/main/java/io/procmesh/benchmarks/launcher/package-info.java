/**
 * The launcher and the gateway's Jetty baseline as partner JVMs of the suite, for the failover and gateway
 * scenarios.
 * <pre>
 * suite ─▶ LauncherRun ─▶ LauncherPartnerMain (procmesh up, watchdog) ─▶ services (setsid, own logs)
 *            │  state.json ◀── LauncherStateWatch ◀── FailoverProbe (kill -9, detected, UP again)
 *            └─ close: SIGTERM the launcher (it stops its services), then check by pid that none is left
 * </pre>
 * The launcher runs on the suite's class path (the benchmarks jar under run.sh), and gives its services the
 * same class path, so the suite, the launcher and every service run the same classes.
 */
package io.procmesh.benchmarks.launcher;
