package io.procmesh.launcher.testing;

import io.procmesh.services.user.UserServiceMain;

/**
 * The user service, after sleeping before it connects: a start slow enough that its launcher can be killed between
 * the spawn and the registration, as on a loaded host.
 */
public final class SlowStartMain
{
    public static final long SLEEP_MS = 5_000;

    private SlowStartMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        Thread.sleep(SLEEP_MS);
        UserServiceMain.main(args);
    }
}
