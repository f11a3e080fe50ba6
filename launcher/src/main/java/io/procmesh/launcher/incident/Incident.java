package io.procmesh.launcher.incident;

import io.procmesh.core.registry.InstanceSnapshot;

/**
 * One incident, as {@code incident.json} in its folder keeps it.
 *
 * @param id       the folder's name: time, instance and pid, so that a listing sorts by time.
 * @param atMs     when the launcher saw it, wall clock.
 * @param service  the instance's service.
 * @param instance the instance id.
 * @param pid      the process that died or was killed.
 * @param what     {@code died}, {@code hung} or {@code stuck}.
 * @param detail   the exit status or signal, or why it was killed.
 * @param counters the instance's slot at that moment, or null if it had none.
 */
public record Incident(
    String id,
    long atMs,
    String service,
    String instance,
    long pid,
    String what,
    String detail,
    InstanceSnapshot counters)
{
    public static final String DIED = "died";
    public static final String HUNG = "hung";
    public static final String STUCK = "stuck";
}
