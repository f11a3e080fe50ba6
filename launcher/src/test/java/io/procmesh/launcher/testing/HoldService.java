package io.procmesh.launcher.testing;

import io.procmesh.core.service.ServiceContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link HoldApi} as a topology {@code implementation:}, run by core's ServiceMain like any real service, under the
 * instance id the launcher gives it.
 */
public final class HoldService implements HoldApi
{
    private static final long HOLD_LIMIT_NS = TimeUnit.SECONDS.toNanos(60);

    private final String instanceId;

    public HoldService(final ServiceContext context)
    {
        this.instanceId = context.instanceId();
    }

    @Override
    public String hold(final String latchFile)
    {
        try
        {
            Files.writeString(Path.of(latchFile + "." + instanceId + ".entered"), instanceId, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final long deadlineNs = System.nanoTime() + HOLD_LIMIT_NS;
        while (!Files.exists(Path.of(latchFile)) && System.nanoTime() - deadlineNs < 0)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return instanceId;
    }

    @Override
    public String whoAmI()
    {
        return instanceId;
    }
}
