/**
 * The command line: {@code up}, {@code down}, {@code status [--json]}, {@code restart SERVICE},
 * {@code logs SERVICE|INSTANCE [-f] [-n N]}, {@code config SERVICE [KEY=VALUE...]}, {@code jvm-flags}. Every failure is
 * one line on stderr and an exit code: 2 for bad arguments or topology, 1 for run-time failures.
 */
package io.procmesh.launcher.cli;
