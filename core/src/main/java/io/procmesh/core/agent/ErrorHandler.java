package io.procmesh.core.agent;

/**
 * Where errors go instead of being swallowed. Implementations must not throw.
 */
@FunctionalInterface
public interface ErrorHandler
{
    void onError(Throwable error);
}
