package io.procmesh.launcher.gateway;

/**
 * The gateway's address is taken, usually by another gateway. Mains turn it into one readable line and a
 * non-zero exit; it is thrown before the gateway joins the mesh, so the running owner of the port is left alone.
 */
public final class PortInUseException extends RuntimeException
{
    public PortInUseException(final String host, final int port, final Throwable cause)
    {
        super("cannot listen on " + host + ":" + port + ": address already in use", cause);
    }
}
