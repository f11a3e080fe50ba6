package io.procmesh.core.rpc;

import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.RegistryReader;
import io.procmesh.core.test.DelegatingRegistryReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 7: a registry scan whose attach failed must not count its generation as scanned.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServiceDirectoryTest
{
    @Test
    void shouldFindAnInstanceWhoseAttachFailedOnTheNextRefreshWithNoNewRegistration()
    {
        final AtomicBoolean attachFails = new AtomicBoolean(true);
        try (InProcessCaller mesh = new InProcessCaller("directory-attach"))
        {
            final RegistryReader real = RegistryReader.of(mesh.registry);
            final RegistryReader failing = new DelegatingRegistryReader(real)
            {
                @Override
                public InstanceSlot attach(final String instanceId)
                {
                    if (attachFails.get() && instanceId.equals(InProcessCaller.TARGET))
                    {
                        throw new IllegalStateException("injected: attach failed");
                    }
                    return super.attach(instanceId);
                }
            };
            try (ServiceDirectory directory = new ServiceDirectory(failing, mesh.codec, 600_000, mesh.errorHandler))
            {
                final long generation = mesh.registry.generation();
                directory.refresh();
                assertNull(directory.select(InProcessCaller.SERVICE));
                assertFalse(mesh.errors.isEmpty(), "the failed attach was not reported");
                assertTrue(mesh.errors.get(0).getMessage().contains(InProcessCaller.TARGET), mesh.errors.toString());

                attachFails.set(false);
                assertEquals(generation, mesh.registry.generation(), "nothing registered meanwhile");
                directory.refresh();
                assertNotNull(directory.select(InProcessCaller.SERVICE), "the instance stayed hidden");
            }
        }
    }
}
