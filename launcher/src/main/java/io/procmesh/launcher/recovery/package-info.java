/**
 * Registry recovery: opening the shared registry for the launcher and its commands, probing its segment locks,
 * and deciding when a lock left taken means a dead holder (wedged) rather than a stopped one. Only the launcher
 * recovers the map, with every user of it stopped.
 * <pre>
 * RegistryAccess.openForLauncher ─▶ probe ─▶ wedged? kill the last launcher's instances, recover
 * RegistryWatchdog: two failed probes and no stopped process mapping the file (RegistryMappers) ─▶ wedged
 * RecoverableRegistry: the handle the supervisor reopens after a recovery
 * </pre>
 */
package io.procmesh.launcher.recovery;
