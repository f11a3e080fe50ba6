/**
 * What the launcher leaves on disk for its commands and its successor: the launcher lock and pid file, the
 * state file ({@code launcher/state.json}), child pid files, and the control directory where {@code restart}
 * drops its requests. Every file is written atomically (temporary file, fsync, rename, fsync of the directory).
 * Imports nothing else of the launcher.
 */
package io.procmesh.launcher.state;
