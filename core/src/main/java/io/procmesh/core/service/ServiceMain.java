package io.procmesh.core.service;

import io.procmesh.core.Procmesh;
import io.procmesh.core.agent.LoggingErrorHandler;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.config.MissingJvmFlagsException;
import io.procmesh.core.rpc.JsonPayloads;
import io.procmesh.core.rpc.Partition;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The main of every service given by {@code implementation:} in a topology: the launcher starts it with the
 * service's class path in front of its own and these system properties (constants in {@link Configuration}):
 * <pre>
 * procmesh.serviceName              the topology's service name          required
 * procmesh.service.api              the api interface                    required
 * procmesh.service.implementation   the class that implements it         required
 * procmesh.service.version          the service's version                optional
 * procmesh.service.configFile       the topology's config: block (JSON)  optional
 * procmesh.service.configOverlay    the live-config overlay              optional, need not exist
 * procmesh.service.standby          true: the instance's hot standby     optional
 * </pre>
 * A process with a fixed {@code procmesh.instanceId} holds the instance's lock file while it serves; a standby waits
 * on that lock ({@link Standby}) and then runs exactly what follows, under the same instance id.
 * It checks the classes (one line each, exit 2: see {@link ServiceClasses}), connects as the service, builds the
 * implementation with a {@link ServiceContext} (or with no argument), hosts it under the api, prints
 * {@code READY <instance> pid <pid>} and serves until SIGTERM. Then it closes in order: the host (drain), the
 * implementation if it is {@link AutoCloseable}, the context (stores), the mesh; and prints {@code STOPPED}.
 * Exit codes: 0 after a stop, 2 for a setup mistake (classes, config file, JVM flags), 1 for anything else.
 */
public final class ServiceMain
{
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_SETUP = 2;

    private ServiceMain()
    {
    }

    public static void main(final String[] args)
    {
        int code;
        try
        {
            final String service = required(Configuration.SERVICE_NAME_PROP_NAME);
            final ServiceClasses classes = ServiceClasses.load(required(Configuration.SERVICE_API_PROP_NAME),
                required(Configuration.SERVICE_IMPLEMENTATION_PROP_NAME), ServiceMain.class.getClassLoader());
            code = run(service, classes);
        }
        catch (final ServiceSetupException ex)
        {
            System.err.println("procmesh: " + ex.getMessage());
            code = EXIT_SETUP;
        }
        exitIfFailed(code);
    }

    /**
     * Runs one implementation as the service, as {@link #main} does, for a {@code mainClass:} service that wants
     * to choose its classes in code. Returns after SIGTERM and an orderly close; exits the JVM on failure.
     */
    public static <T> void run(final String service, final Class<T> api, final Class<? extends T> implementation)
    {
        int code;
        try
        {
            code = run(service, ServiceClasses.of(api, implementation));
        }
        catch (final ServiceSetupException ex)
        {
            System.err.println("procmesh: " + ex.getMessage());
            code = EXIT_SETUP;
        }
        exitIfFailed(code);
    }

    private static int run(final String service, final ServiceClasses classes)
    {
        // A standby watches before the barrier exists: SIGTERM ends a standby that never served at once.
        try (Standby standby = Configuration.serviceStandby() ? watch(service, classes) : null;
             ShutdownBarrier barrier = new ShutdownBarrier(Configuration.shutdownTimeoutMs() * 2))
        {
            serve(service, classes, barrier, standby);
            System.out.println("STOPPED " + service);
            return 0;
        }
        catch (final ServiceSetupException | MissingJvmFlagsException ex)
        {
            System.err.println("procmesh: " + ex.getMessage());
            return EXIT_SETUP;
        }
        catch (final ConfigException ex)
        {
            // Usually from the implementation's constructor reading its config: bad input, not a crash.
            System.err.println("procmesh: service '" + service + "' cannot start: " + ex.getMessage());
            return EXIT_SETUP;
        }
        catch (final Exception ex)
        {
            System.err.println("procmesh: service '" + service + "' failed: " + ex);
            ex.printStackTrace();
            return EXIT_FAILED;
        }
    }

    private static Standby watch(final String service, final ServiceClasses classes) throws Exception
    {
        final String instanceId = Configuration.instanceId();
        if (instanceId == null)
        {
            throw new ServiceSetupException(Configuration.SERVICE_STANDBY_PROP_NAME + " needs " +
                Configuration.INSTANCE_ID_PROP_NAME + ": a standby takes over one named instance");
        }
        final DataDirectory dirs = DataDirectory.fromConfiguration();
        final Rehearsal rehearsal = rehearse(service, classes, dirs.standbyRehearsal(instanceId));
        // The handler the take-over's mesh would make for itself (Procmesh.Context), made now to count the wait's
        // errors too.
        final Standby standby = Standby.watch(dirs, instanceId, Configuration.registryMaxInstances(),
            Configuration.instanceStaleMs(), new LoggingErrorHandler(instanceId));
        try
        {
            standby.openAhead(service, rehearsal.json(), rehearsal.partition(), rehearsal.topics(),
                rehearsal.stores());
            standby.awaitPrimaryDeath();
            return standby;
        }
        catch (final Exception ex)
        {
            standby.close();
            throw ex;
        }
    }

    /**
     * What a standby learnt from its rehearsal: the files to open ahead, and the JSON mapper whose serializers for
     * the api's types are built already.
     */
    private record Rehearsal(JsonPayloads json, Partition partition, Set<String> topics,
        List<ServiceContext.StoreOpened> stores)
    {
    }

    /**
     * A standby's warm-up: the whole start of the service (connect, implementation and its stores, host, inbox,
     * topics), then its close, in a scratch data directory that is deleted after. Measured: a take-over that first
     * met these classes (Chronicle Queue and Map for the stores, Jackson, the implementation's) took 350-850 ms on
     * a loaded 2-core host, most of it class loading and interpreted code. The rehearsal touches nothing of the
     * real instance; an implementation whose constructor calls other services finds none there.
     */
    private static Rehearsal rehearse(final String service, final ServiceClasses classes, final Path scratch)
        throws Exception
    {
        try (Procmesh mesh = Procmesh.connect(meshContext(service).dataDir(scratch));
             ServiceContext context = ServiceContext.create(mesh, config(service, mesh)))
        {
            final Object implementation = classes.instantiate(context);
            try (AutoCloseable implementationResources = closerOf(implementation);
                 ServiceHost host = host(context, classes.api(), implementation))
            {
                System.out.println("REHEARSED " + context.instanceId());
            }
            return new Rehearsal(mesh.context().json(), context.partition(), context.topics(),
                context.storesOpened());
        }
        finally
        {
            DataDirectory.deleteTree(scratch);
        }
    }

    private static Procmesh.Context meshContext(final String service)
    {
        final Procmesh.Context meshContext = new Procmesh.Context().serviceName(service).upOnConnect(false);
        final String version = System.getProperty(Configuration.SERVICE_VERSION_PROP_NAME);
        if (version != null && !version.isBlank())
        {
            meshContext.version(version);
        }
        return meshContext;
    }

    /**
     * @return the instance's lock, held while this process serves it (its standby waits on it); none for a process
     * without a fixed instance id, which has no standby.
     */
    private static InstanceLock primaryLock()
    {
        final String instanceId = Configuration.instanceId();
        return instanceId == null ? null : InstanceLock.take(
            DataDirectory.fromConfiguration().instanceLock(instanceId), instanceId, Configuration.instanceStaleMs());
    }

    private static void serve(final String service, final ServiceClasses classes, final ShutdownBarrier barrier,
        final Standby standby) throws Exception
    {
        final Procmesh.Context meshContext = meshContext(service);
        if (standby != null)
        {
            meshContext.json(standby.json()).errorHandler(standby.errorHandler());
        }
        try (InstanceLock lock = standby == null ? primaryLock() : null;
             Procmesh mesh = Procmesh.connect(meshContext);
             ServiceContext context = ServiceContext.create(mesh, config(service, mesh)))
        {
            if (standby != null)
            {
                System.out.println(standby.registered());
            }
            final Object implementation = classes.instantiate(context);
            if (standby != null)
            {
                standby.built();
            }
            try (AutoCloseable implementationResources = closerOf(implementation);
                 ServiceHost host = host(context, classes.api(), implementation))
            {
                System.out.println("READY " + context.instanceId() + " pid " + ProcessHandle.current().pid() +
                    (standby != null ? standby.serving(mesh.slot()) : ""));
                barrier.await();
            }
        }
    }

    private static ServiceConfig config(final String service, final Procmesh mesh)
    {
        try
        {
            return ServiceConfig.load(service, path(Configuration.SERVICE_CONFIG_FILE_PROP_NAME),
                path(Configuration.SERVICE_CONFIG_OVERLAY_PROP_NAME), mesh.context().json().mapper(),
                mesh.context().errorHandler());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ServiceSetupException(ex.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static ServiceHost host(final ServiceContext context, final Class<?> api, final Object implementation)
    {
        // ServiceHost.Context checks api.isInstance(implementation) again, so the cast cannot mislead it.
        return context.host((Class<Object>)api, implementation);
    }

    private static AutoCloseable closerOf(final Object implementation)
    {
        return implementation instanceof AutoCloseable closeable ? closeable : () ->
        {
        };
    }

    private static Path path(final String property)
    {
        final String value = System.getProperty(property);
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    private static String required(final String property)
    {
        final String value = System.getProperty(property);
        if (value == null || value.isBlank())
        {
            throw new ServiceSetupException("system property " + property + " is not set: ServiceMain runs the " +
                "service the launcher names with " + Configuration.SERVICE_NAME_PROP_NAME + ", " +
                Configuration.SERVICE_API_PROP_NAME + " and " + Configuration.SERVICE_IMPLEMENTATION_PROP_NAME);
        }
        return value;
    }

    private static void exitIfFailed(final int code)
    {
        if (code != 0)
        {
            System.exit(code);
        }
    }
}
