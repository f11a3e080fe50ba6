package io.procmesh.benchmarks.roundtrip.procmesh;

import io.procmesh.benchmarks.harness.ReplyListener;
import io.procmesh.benchmarks.harness.RequestTransport;
import io.procmesh.core.Procmesh;
import io.procmesh.core.rpc.ServiceUnavailableException;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * What an application writes: {@code echo.echo(text)} on a typed proxy, blocking until the reply. The reply is
 * read by the client's own reply thread and handed over through the call's future, so this path includes that
 * thread hand-off; the String arguments and results allocate, as typed calls do.
 */
public final class TypedProxyTransport implements RequestTransport
{
    private final Procmesh mesh;
    private final EchoApi echo;
    private char[] text = new char[AsciiStamp.DIGITS];
    private long pendingStamp;
    private boolean replied;

    public TypedProxyTransport(final Path dataDir, final String instanceId, final String idleStrategy)
    {
        this.mesh = Procmesh.connect(new Procmesh.Context()
            .dataDir(dataDir)
            .serviceName(ProcmeshRawTransport.CLIENT_SERVICE)
            .instanceId(instanceId)
            .idleStrategy(idleStrategy));
        this.echo = mesh.proxy(EchoApi.class, EchoApi.SERVICE);
        awaitEcho(mesh.context().defaultDeadlineMs());
    }

    /**
     * Makes one call before any run: a call made while the client's first directory refresh is still running on
     * its reply thread can find no instance (see the benchmarks analysis), so the first one is retried.
     */
    private void awaitEcho(final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true)
        {
            try
            {
                echo.echo("ready");
                return;
            }
            catch (final ServiceUnavailableException ex)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw ex;
                }
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public int maxInFlight()
    {
        return 1;
    }

    @Override
    public void prepare(final int payloadBytes)
    {
        final int textLength = Math.max(AsciiStamp.DIGITS + 1, payloadBytes - 2);
        text = new char[textLength];
        Arrays.fill(text, 'x');
        text[AsciiStamp.DIGITS] = ':';
    }

    @Override
    public void send(final long intendedSendNs)
    {
        AsciiStamp.write(text, intendedSendNs);
        final String reply = echo.echo(new String(text));
        pendingStamp = AsciiStamp.read(reply);
        replied = true;
    }

    @Override
    public int poll(final ReplyListener listener)
    {
        if (!replied)
        {
            return 0;
        }
        replied = false;
        listener.onReply(pendingStamp);
        return 1;
    }

    @Override
    public void close()
    {
        mesh.close();
    }
}
