package io.procmesh.launcher.testing;

import io.procmesh.core.service.ServiceContext;
import io.procmesh.services.user.User;
import io.procmesh.services.user.UserApi;
import io.procmesh.services.user.UserAsyncApi;

import java.util.concurrent.CompletableFuture;

/**
 * Asks the user service through an async proxy, so its read loop keeps serving while a call waits.
 */
public final class LookupService implements LookupApi
{
    private final UserAsyncApi users;

    public LookupService(final ServiceContext context)
    {
        this.users = context.proxy(UserAsyncApi.class, UserApi.SERVICE);
    }

    @Override
    public CompletableFuture<String> nameOf(final String userId)
    {
        return users.get(userId).thenApply(User::name);
    }
}
