package io.procmesh.launcher.training;

import io.procmesh.core.Procmesh;
import io.procmesh.core.service.ServiceHost;
import io.procmesh.launcher.gateway.Gateway;
import io.procmesh.launcher.gateway.GatewayContext;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run behind {@link io.procmesh.launcher.process.ClassDataArchive}: does once what every service
 * does at start-up and on its first request (join the registry, open its inbox and reply queue, serve and make one
 * call with JSON payloads), and what the gateway adds (Jetty, metrics, one HTTP request), in a scratch data
 * directory, then exits normally so that the JVM writes the classes it loaded to the archive. It uses only
 * procmesh-core and the launcher's own gateway, nothing of any topology's services (a service's own classes load
 * from its jar). {@code procmesh up} names it to the launcher. Arguments: the scratch data directory.
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
             ServiceHost ignored = ServiceHost.launch(new ServiceHost.Context()
                 .mesh(mesh)
                 .handler(Echo.class, text -> text)))
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
