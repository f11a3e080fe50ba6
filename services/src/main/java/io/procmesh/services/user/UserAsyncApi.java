package io.procmesh.services.user;

import io.procmesh.core.rpc.AllPartitions;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The user service as a handler calls it: the operations of {@link UserApi}, each answered through a future, so the
 * calling service's read loop never waits on the user service. Inside a handler the future completes on the
 * handler's own thread with its request re-entered; see docs/protocol.md, "Async handlers".
 */
public interface UserAsyncApi
{
    /**
     * @see UserApi#create
     */
    CompletableFuture<User> create(CreateUserRequest request);

    /**
     * @see UserApi#get
     */
    CompletableFuture<User> get(String id);

    @AllPartitions
    CompletableFuture<List<User>> list();
}
