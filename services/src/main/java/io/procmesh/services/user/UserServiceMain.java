package io.procmesh.services.user;

import io.procmesh.core.service.ServiceMain;

/**
 * Runs {@link UserService} as service {@value UserApi#SERVICE} through core's {@link ServiceMain}, for
 * topologies and tests that still name a {@code mainClass}. A topology that gives {@code api:} and
 * {@code implementation:} needs no main; delete this once nothing names it.
 */
public final class UserServiceMain
{
    private UserServiceMain()
    {
    }

    public static void main(final String[] args)
    {
        ServiceMain.run(UserApi.SERVICE, UserApi.class, UserService.class);
    }
}
