package io.procmesh.launcher.alert;

/**
 * One alert event, as the {@code alerts} topic keeps it and {@code procmesh alerts --json} prints it.
 *
 * @param name      a stable name: one of {@link Alerts}' constants, e.g. {@code ServiceFailed}.
 * @param status    {@code firing} or {@code resolved}.
 * @param severity  {@code critical}, {@code warning} or {@code info}.
 * @param service   the service it is about, or empty.
 * @param instance  the instance (or circuit breaker) it is about, or empty.
 * @param startsAtMs when the condition began (wall clock, ms).
 * @param endsAtMs   when it ended (a resolved event), or when a one-shot event stops mattering (a registry
 *                   recovered, a rollout rolled back); 0 while it fires with no end.
 * @param detail     what happened, for a person.
 */
public record Alert(
    String name,
    String status,
    String severity,
    String service,
    String instance,
    long startsAtMs,
    long endsAtMs,
    String detail)
{
    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    public boolean firing()
    {
        return FIRING.equals(status);
    }

    /**
     * @return when this event happened: its start if firing, its end if resolved.
     */
    public long atMs()
    {
        return firing() ? startsAtMs : endsAtMs;
    }

    /**
     * @return what identifies the condition across its firing and resolved events.
     */
    public String key()
    {
        return name + "/" + service + "/" + instance;
    }
}
