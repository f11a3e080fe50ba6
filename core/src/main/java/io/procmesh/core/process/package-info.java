/**
 * Starting child processes the one way procmesh does: output to a log, stdin from /dev/null. Imports nothing
 * of procmesh; the command line of a child JVM is {@link io.procmesh.core.config.JavaCommand}'s.
 */
package io.procmesh.core.process;
