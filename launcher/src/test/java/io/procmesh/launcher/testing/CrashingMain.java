package io.procmesh.launcher.testing;

import io.procmesh.core.test.EchoServiceMain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A service that dies at once, for the restart intensity limit. Args: none, or {@code fixedMarker dataDir
 * instanceId handledFile}: once the marker file exists (the operator "fixed" it), it runs as the echo service
 * with the other args instead.
 */
public final class CrashingMain
{
    public static final int EXIT_CODE = 3;
    public static final String LAST_WORDS = "crashing on purpose";

    private CrashingMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length > 0 && Files.exists(Path.of(args[0])))
        {
            EchoServiceMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.out.println(LAST_WORDS);
        System.exit(EXIT_CODE);
    }
}
