package io.procmesh.launcher.supervisor;

import io.procmesh.core.Procmesh;
import io.procmesh.core.service.ServiceHost;
import io.procmesh.services.store.JsonStore;

import java.nio.file.Path;

/**
 * The training run behind {@link ClassDataArchive}: does once what every service does at start-up and on its
 * first request (join the registry, open its inbox and reply queue, open a store, serve and make one call with
 * JSON payloads), in a scratch data directory, then exits normally so that the JVM writes the classes it loaded
 * to the archive. Arguments: the scratch data directory.
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

    public static void main(final String[] args)
    {
        final Path scratch = Path.of(args[0]);
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
        // Explicit, so that a non-daemon thread left by a library cannot keep the JVM (and the archive) waiting.
        System.exit(0);
    }
}
