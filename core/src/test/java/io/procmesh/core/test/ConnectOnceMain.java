package io.procmesh.core.test;

import io.procmesh.core.Procmesh;

import java.nio.file.Path;

/**
 * Child JVM main: a client that connects with its per-process instance id ({@code client-<pid>}), prints
 * "CONNECTED &lt;id&gt; &lt;metadata&gt;" and exits, leaving its registry entry behind as every exited client does; or
 * prints "FAILED &lt;error&gt;" and exits 3. Args: dataDir.
 */
public final class ConnectOnceMain
{
    public static final int EXIT_FAILED = 3;

    public static void main(final String[] args)
    {
        try (Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(Path.of(args[0])).serviceName("client")))
        {
            System.out.println("CONNECTED " + mesh.context().instanceId() + " " + mesh.context().metadata());
        }
        catch (final RuntimeException ex)
        {
            System.out.println("FAILED " + ex);
            System.exit(EXIT_FAILED);
        }
    }
}
