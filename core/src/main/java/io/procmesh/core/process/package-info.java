/**
 * Child processes the one way procmesh starts them: {@link io.procmesh.core.process.LoggedProcess} (output to a
 * log file, stdin from /dev/null) and {@link io.procmesh.core.process.ReapedProcess} (a hard time limit, and killed
 * with its descendants on close). Imports nothing of procmesh; the command line of a child JVM is
 * {@link io.procmesh.core.config.JavaCommand}'s.
 */
package io.procmesh.core.process;
