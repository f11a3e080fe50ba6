package io.procmesh.core.test;

import io.procmesh.core.Procmesh;

import java.nio.file.Path;

/**
 * Child JVM main: a caller of {@link EchoApi} with a given instance id. Args: dataDir instanceId text [latchFile].
 * With a latch file it calls {@link EchoApi#echoWhenExists}, else {@link EchoApi#echo}; it prints "CALLING" before
 * the call and "RESULT &lt;reply&gt;" or "FAILED &lt;error&gt;" after it.
 */
public final class EchoCallerMain
{
    public static void main(final String[] args)
    {
        try (Procmesh mesh = Procmesh.connect(new Procmesh.Context()
                 .dataDir(Path.of(args[0]))
                 .instanceId(args[1])))
        {
            final EchoApi api = mesh.proxy(EchoApi.class, "echo", 60_000);
            System.out.println("CALLING " + args[1]);
            try
            {
                final String reply = args.length > 3 ? api.echoWhenExists(args[3], args[2]) : api.echo(args[2]);
                System.out.println("RESULT " + reply);
            }
            catch (final RuntimeException ex)
            {
                System.out.println("FAILED " + ex);
            }
        }
    }
}
