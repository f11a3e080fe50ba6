package io.procmesh.launcher.process;

import io.procmesh.core.Procmesh;
import io.procmesh.core.service.ServiceHost;
import io.procmesh.launcher.gateway.Gateway;
import io.procmesh.launcher.gateway.GatewayContext;
import io.procmesh.services.store.JsonStore;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run behind {@link ClassDataArchive}: does once what every service does at start-up and on its
 * first request (join the registry, open its inbox and reply queue, open a store, serve and make one call with
 * JSON payloads), and what the gateway adds (Jetty, metrics, one HTTP request), in a scratch data directory, then
 * exits normally so that the JVM writes the classes it loaded to the archive. Arguments: the scratch data
 * directory.
 */
public final class ClassDataTrainingMain
{
    private static final String SERVICE = "cds-training";

    private ClassDataTrainingMain()
    {
    }

    /**
     * What the training service offers; a call through it loads the proxy, codec and JSON paths.
     */
    public interface Echo
    {
        String echo(String text);
    }

    public static void main(final String[] args) throws IOException
    {
        final Path scratch = Path.of(args[0]);
        serveAndCall(scratch);
        gateway(scratch);
        // Explicit, so that a non-daemon thread left by a library cannot keep the JVM (and the archive) waiting.
        System.exit(0);
    }

    private static void serveAndCall(final Path scratch)
    {
        try (Procmesh mesh = Procmesh.connect(new Procmesh.Context()
                 .dataDir(scratch).serviceName(SERVICE).instanceId(SERVICE + "-1"));
             JsonStore<String> store = JsonStore.open(scratch.resolve("state").resolve("training.cm"), String.class,
                 1_000, 24, mesh.context().json().mapper());
             ServiceHost ignored = ServiceHost.launch(new ServiceHost.Context()
                 .mesh(mesh)
                 .handler(Echo.class, text ->
                 {
                     store.put(text, text);
                     return store.get(text);
                 })))
        {
            final String answer = mesh.proxy(Echo.class, SERVICE).echo("training");
            if (!"training".equals(answer))
            {
                throw new IllegalStateException("training call answered " + answer);
            }
        }
    }

    private static void gateway(final Path scratch) throws IOException
    {
        try (Gateway gateway = Gateway.launch(new GatewayContext()
            .meshContext(new Procmesh.Context().dataDir(scratch).serviceName("gateway").instanceId("gateway-1"))
            .host("127.0.0.1")
            .port(0)
            .requiredServices(List.of())))
        {
            final HttpURLConnection connection = (HttpURLConnection)URI.create(
                "http://127.0.0.1:" + gateway.port() + "/health").toURL().openConnection();
            // Any answer will do (503 with no services UP here): the request has gone through the gateway's stack.
            connection.getResponseCode();
            connection.disconnect();
        }
    }
}
