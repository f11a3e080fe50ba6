/**
 * What the running launcher publishes for {@code procmesh status}: {@code launcher/status.json}, every registry
 * member's slot (pid, status, heartbeat, counters) as of the launcher's last health check. `status` reads it
 * instead of opening the registry, so its JVM never loads Chronicle while a launcher runs. Imports the root,
 * state and core.registry only.
 */
package io.procmesh.launcher.status;
