package io.procmesh.core.service;

import java.util.Set;

/**
 * Told when a service's live config changes ({@code procmesh config SERVICE KEY=VALUE}). It runs on the
 * heartbeat thread, so it must be quick: read the new values with {@link ServiceConfig#get}, hand anything slow to
 * another thread. An exception it throws goes to the error handler; the other listeners still run.
 */
@FunctionalInterface
public interface ConfigListener
{
    /**
     * @param changedKeys the keys whose value in force changed: added, changed or removed.
     */
    void onChange(Set<String> changedKeys);
}
