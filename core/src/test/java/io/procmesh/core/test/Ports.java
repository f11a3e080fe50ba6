package io.procmesh.core.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * TCP ports for tests that start a server in another JVM.
 */
public final class Ports
{
    private Ports()
    {
    }

    /**
     * @return a port free a moment ago, chosen by the kernel; another process may still take it before the test.
     */
    public static int free()
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
