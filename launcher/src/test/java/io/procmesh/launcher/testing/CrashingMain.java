package io.procmesh.launcher.testing;

/**
 * A service that dies at once, for the restart intensity limit.
 */
public final class CrashingMain
{
    public static final int EXIT_CODE = 3;
    public static final String LAST_WORDS = "crashing on purpose";

    private CrashingMain()
    {
    }

    public static void main(final String[] args)
    {
        System.out.println(LAST_WORDS);
        System.exit(EXIT_CODE);
    }
}
