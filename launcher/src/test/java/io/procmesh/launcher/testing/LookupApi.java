package io.procmesh.launcher.testing;

import java.util.concurrent.CompletableFuture;

/**
 * A stateless service that calls the demo's user service: replicas of a caller, for the circuit breaker tests.
 */
public interface LookupApi
{
    /**
     * @return the user's name, as the user service answers it.
     */
    CompletableFuture<String> nameOf(String userId);
}
