package io.procmesh.core;

import io.procmesh.core.service.ServiceHost;
import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.EchoService;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 10 item 5: core's Contexts conclude once, as Aeron's do; a Context handed to a second component is an error.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContextConcludeTest
{
    @Test
    void shouldRefuseASecondConcludeOfAProcmeshContext()
    {
        final Procmesh.Context context = new Procmesh.Context()
            .dataDir(TestDirectories.create("context-conclude")).instanceId("caller-1");
        context.conclude();

        final IllegalStateException error = assertThrows(IllegalStateException.class, context::conclude);
        assertEquals("Procmesh.Context is already concluded: conclude() runs once per Context", error.getMessage());
    }

    @Test
    void shouldRefuseToConnectAContextConcludedByHand()
    {
        final Procmesh.Context context = new Procmesh.Context()
            .dataDir(TestDirectories.create("context-conclude")).instanceId("caller-1");
        context.conclude();

        assertThrows(IllegalStateException.class, () -> Procmesh.connect(context));
    }

    @Test
    void shouldRefuseASecondConcludeOfAServiceHostContext()
    {
        final Path dir = TestDirectories.create("context-conclude");
        try (Procmesh mesh = Procmesh.connect(new Procmesh.Context()
            .dataDir(dir).serviceName("echo").instanceId("echo-1").upOnConnect(false)))
        {
            final ServiceHost.Context context = new ServiceHost.Context()
                .mesh(mesh)
                .handler(EchoApi.class, new EchoService(dir.resolve("handled.txt")));
            context.conclude();

            final IllegalStateException error = assertThrows(IllegalStateException.class, context::conclude);
            assertEquals("ServiceHost.Context is already concluded: conclude() runs once per Context",
                error.getMessage());
        }
    }
}
