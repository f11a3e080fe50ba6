package io.procmesh.benchmarks.harness;

/**
 * How a partner JVM that runs to completion ends: exit 0 when its work returns, 1 with the stack trace when it
 * throws. Explicit, because Chronicle leaves non-daemon threads behind that would keep the JVM, and the suite
 * waiting for it, alive after main returns or fails.
 */
public final class PartnerExit
{
    /**
     * The work of a partner main.
     */
    @FunctionalInterface
    public interface Work
    {
        void run() throws Exception;
    }

    private PartnerExit()
    {
    }

    public static void runThenExit(final Work work)
    {
        int code = 0;
        try
        {
            work.run();
        }
        catch (final Throwable error)
        {
            error.printStackTrace();
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }
}
