package io.procmesh.core;

import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.service.ServiceHost;
import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.EchoService;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a supervisor reads in the slot while a process starts: a caller is UP once connected, a service only once
 * its host serves, so dependents are not started against an instance that cannot answer yet.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectStatusTest
{
    @Test
    void shouldAnnounceACallerUpOnConnect()
    {
        final Path dir = TestDirectories.create("connect-status");
        try (Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(dir).instanceId("caller-1")))
        {
            assertEquals(InstanceStatus.UP, mesh.slot().status());
        }
    }

    @Test
    void shouldKeepAServiceStartingUntilItsHostServes()
    {
        final Path dir = TestDirectories.create("connect-status");
        try (Procmesh mesh = Procmesh.connect(new Procmesh.Context()
            .dataDir(dir).serviceName("echo").instanceId("echo-1").upOnConnect(false)))
        {
            assertEquals(InstanceStatus.STARTING, mesh.slot().status());
            try (ServiceHost ignored = ServiceHost.launch(new ServiceHost.Context()
                .mesh(mesh)
                .handler(EchoApi.class, new EchoService(dir.resolve("handled.txt")))))
            {
                assertEquals(InstanceStatus.UP, mesh.slot().status());
            }
        }
    }
}
