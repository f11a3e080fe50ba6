package io.procmesh.core.rpc;

/**
 * Chooses which instance of a service gets a call. Called on every call's thread: it must not allocate or lock,
 * only read the candidates' slots (volatile reads). Implementations: {@link RoundRobin}, {@link LeastOutstanding},
 * {@link KeyAffinity}.
 */
interface LoadBalancer
{
    /**
     * A call with no affinity key (the gateway's JSON path, raw calls, a policy other than key-affinity).
     */
    long NO_KEY = 0;

    /**
     * @param instances the service's known instances, live or not.
     * @param keyHash   the call's affinity key hash ({@link KeyAffinity#hash}), or {@link #NO_KEY}.
     * @return a live instance, or null if none is.
     */
    RemoteInstance pick(RemoteInstance[] instances, long keyHash, long nowNs, long staleNs);
}
