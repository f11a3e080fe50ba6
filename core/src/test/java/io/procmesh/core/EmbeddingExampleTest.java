package io.procmesh.core;

import io.procmesh.core.service.ServiceHost;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The embedding example from README.md, kept compiling and passing here. Both ends run in one JVM for brevity;
 * in production each runs in its own process against the same data directory.
 */
class EmbeddingExampleTest
{
    public interface GreeterApi
    {
        String greet(String name);
    }

    @Test
    void shouldRunTheReadmeEmbeddingExample()
    {
        final Path dataDir = TestDirectories.create("embedding");

        // --- README example start ---
        try (Procmesh server = Procmesh.connect(new Procmesh.Context()
                 .dataDir(dataDir).serviceName("greeter").instanceId("greeter-1"));
             ServiceHost host = ServiceHost.launch(new ServiceHost.Context()
                 .mesh(server)
                 .handler(GreeterApi.class, name -> "Hello, " + name));
             Procmesh client = Procmesh.connect(new Procmesh.Context()
                 .dataDir(dataDir).instanceId("app-1")))
        {
            final GreeterApi greeter = client.proxy(GreeterApi.class, "greeter");
            final String greeting = greeter.greet("Ada");
            // --- README example end ---
            assertEquals("Hello, Ada", greeting);
        }
    }
}
