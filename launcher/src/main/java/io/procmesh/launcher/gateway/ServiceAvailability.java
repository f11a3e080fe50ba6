package io.procmesh.launcher.gateway;

/**
 * Whether a service has a live instance, as of the last registry refresh. A route holds its service's object
 * from start, so the per-request check is one volatile read, and a dead service is answered 503 at once
 * instead of after a deadline.
 */
final class ServiceAvailability
{
    private final String service;
    private volatile boolean live;

    ServiceAvailability(final String service)
    {
        this.service = service;
    }

    String service()
    {
        return service;
    }

    boolean isLive()
    {
        return live;
    }

    void update(final boolean live)
    {
        this.live = live;
    }
}
