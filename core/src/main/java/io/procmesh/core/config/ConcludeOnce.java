package io.procmesh.core.config;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The guard every component Context's {@code conclude()} starts with, as Aeron's does: a Context resolves its
 * defaults and opens what it needs once, so a second conclude is a wiring error (a Context shared by two
 * components, or concluded by hand and then again by its component), not something to tolerate silently.
 */
public final class ConcludeOnce
{
    private final String owner;
    private final AtomicBoolean concluded = new AtomicBoolean();

    /**
     * @param owner the Context's name for the message, e.g. {@code "Procmesh.Context"}.
     */
    public ConcludeOnce(final String owner)
    {
        this.owner = owner;
    }

    /**
     * Marks the Context concluded.
     *
     * @throws IllegalStateException if it already was.
     */
    public void begin()
    {
        if (!concluded.compareAndSet(false, true))
        {
            throw new IllegalStateException(owner + " is already concluded: conclude() runs once per Context");
        }
    }

    public boolean isConcluded()
    {
        return concluded.get();
    }
}
