package io.procmesh.launcher.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.config.JavaCommand;
import io.procmesh.core.process.LoggedProcess;
import io.procmesh.launcher.LauncherFiles;
import io.procmesh.launcher.state.AtomicFile;
import io.procmesh.launcher.state.ChildPidFile;
import io.procmesh.launcher.topology.ServiceDefinition;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts one service instance as its own JVM:
 * <pre>
 * [setsid] java &lt;Chronicle flags&gt; [-XX:SharedArchiveFile=&lt;archive&gt;] -XX:MetaspaceSize=64m &lt;jvmOptions&gt;
 *     -Dprocmesh.dataDir=&lt;abs&gt; -Dprocmesh.instanceId=&lt;id&gt; -Dprocmesh.serviceName=&lt;service&gt;
 *     [-Dprocmesh.service.api/implementation/version=...] -Dprocmesh.service.configFile=&lt;abs&gt;
 *     [-Dprocmesh.service.configOverlay=&lt;abs&gt;] [-Dprocmesh.gateway.port/topology=...]
 *     -cp &lt;the service's classPath&gt;:&lt;launcher class path&gt; &lt;mainClass&gt; &lt;args&gt;
 * </pre>
 * built by core's {@link JavaCommand} and started by {@link LoggedProcess}: stdout and stderr are appended to
 * {@code logs/<instance>.log} and stdin is /dev/null, so a child never depends on the launcher's pipes and keeps
 * running if the launcher dies (it can then be adopted). Its pid is written to {@link ChildPidFile} before spawn
 * returns. The service's {@code config:} block is written to {@code run/config/<service>.json} (0600, atomically)
 * before each start, so a child always reads the topology's current block.
 * <p>
 * A child whose class path has entries in front of the launcher's maps no class-data-sharing archive: the archive
 * is made on the launcher's class path alone, and Java requires the archive's class path to be a prefix of the
 * child's (with other jars in front it would refuse the archive, with a warning in the log, or worse with
 * {@code -Xshare:on}). Appending the service's jars instead would let the launcher's classes win over the service's.
 */
public final class ChildSpawner
{
    /**
     * The metaspace size that first triggers a full collection, above the 30-40 MB a service loads: at Java's default
     * (about 21 MB) every child ran one full collection while starting or on its first call (74 ms on a quiet 2-core
     * host, the first call's longest pause).
     */
    static final String METASPACE_SIZE = "-XX:MetaspaceSize=64m";

    private final DataDirectory dataDirectory;
    private final LauncherFiles files;
    private final ChildClassPath classPath;
    private final String setsid;
    private final ClassDataArchive classData;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param setsid path of setsid(1) to start children in their own session, or null to start them directly.
     */
    public ChildSpawner(final DataDirectory dataDirectory, final ChildClassPath classPath, final String setsid)
    {
        this(dataDirectory, classPath, setsid, ClassDataArchive.disabled());
    }

    /**
     * @param classData the class-data-sharing archive children map once it exists.
     */
    public ChildSpawner(
        final DataDirectory dataDirectory,
        final ChildClassPath classPath,
        final String setsid,
        final ClassDataArchive classData)
    {
        this.dataDirectory = dataDirectory;
        this.files = new LauncherFiles(dataDirectory);
        this.classPath = classPath;
        this.setsid = setsid;
        this.classData = classData;
    }

    /**
     * @return setsid's path if it should and can be used, else null.
     */
    public static String setsidIfAvailable(final boolean detach, final String setsidPath)
    {
        return detach && Files.isExecutable(Path.of(setsidPath)) ? setsidPath : null;
    }

    public List<String> command(final ServiceDefinition service, final String instanceId)
    {
        return command(service, instanceId, Map.of(), List.of());
    }

    /**
     * @param instanceProperties this instance's own, over the service's: its partition, its metadata with it.
     */
    public List<String> command(final ServiceDefinition service, final String instanceId,
        final Map<String, String> instanceProperties)
    {
        return command(service, instanceId, instanceProperties, List.of());
    }

    private List<String> command(final ServiceDefinition service, final String instanceId,
        final Map<String, String> instanceProperties, final List<String> extra)
    {
        final List<String> properties = new ArrayList<>();
        properties.add(InstanceProcesses.dataDirOption(dataDirectory.root()));
        properties.add(InstanceProcesses.instanceIdOption(instanceId));
        final Map<String, String> merged = new java.util.LinkedHashMap<>(service.properties());
        merged.putAll(instanceProperties);
        for (final Map.Entry<String, String> property : merged.entrySet())
        {
            properties.add("-D" + property.getKey() + "=" + property.getValue());
        }
        properties.add("-D" + Configuration.SERVICE_CONFIG_FILE_PROP_NAME + "=" +
            files.serviceConfigFile(service.name()));
        properties.addAll(extra);
        return JavaCommand.mainClass(service.mainClass())
            .prefix(setsid != null ? List.of(setsid) : List.of())
            .sharedArchive(service.classPath().isEmpty() ? classData.ready().orElse(null) : null)
            .jvmOptions(jvmOptions(service))
            .systemProperties(properties)
            .classPath(classPath(service))
            .args(service.args())
            .build();
    }

    /**
     * @return {@value #METASPACE_SIZE} first, then the service's own options, which may override it.
     */
    private static List<String> jvmOptions(final ServiceDefinition service)
    {
        final List<String> options = new ArrayList<>(1 + service.jvmOptions().size());
        options.add(METASPACE_SIZE);
        options.addAll(service.jvmOptions());
        return options;
    }

    /**
     * @return the service's own entries, then the launcher's: its classes win over anything the launcher carries.
     */
    private String classPath(final ServiceDefinition service)
    {
        final StringBuilder value = new StringBuilder();
        for (final Path entry : service.classPath())
        {
            value.append(entry).append(File.pathSeparatorChar);
        }
        return value.append(classPath.value()).toString();
    }

    /**
     * Writes the service's {@code config:} block where its children read it ({@code procmesh.service.configFile}).
     */
    void writeConfig(final ServiceDefinition service) throws IOException
    {
        AtomicFile.writePrivate(files.serviceConfigFile(service.name()), json.writeValueAsBytes(service.config()));
    }

    /**
     * @param start 1 for the first start of this instance, counting up with each restart.
     */
    public ChildProcess spawn(final ServiceDefinition service, final String instanceId, final int start)
        throws IOException
    {
        return spawn(service, instanceId, Map.of(), start);
    }

    /**
     * @param instanceProperties this instance's own system properties, over the service's.
     * @param start              1 for the first start of this instance, counting up with each restart.
     */
    public ChildProcess spawn(final ServiceDefinition service, final String instanceId,
        final Map<String, String> instanceProperties, final int start) throws IOException
    {
        requireClassPath(service);
        writeConfig(service);
        final Path log = dataDirectory.log(instanceId);
        final Process process = start(command(service, instanceId, instanceProperties), log,
            "start #" + start + " of " + instanceId);
        final SpawnedChild child = new SpawnedChild(process, setsid != null);
        try
        {
            // First, so that a launcher killed from here on leaves a lead to this child for the next `up`.
            ChildPidFile.write(files, instanceId, process.pid());
        }
        catch (final IOException ex)
        {
            // A child nobody could find after a launcher crash would run on beside its replacement: none at all.
            child.kill();
            throw new IOException("cannot record the pid of " + instanceId + " in " +
                files.childPidFile(instanceId) + ": " + ex.getMessage(), ex);
        }
        return child;
    }

    /**
     * Starts the hot standby of an instance: the same command plus {@code procmesh.service.standby=true}, logging to
     * {@code logs/<instance>.standby.log}. No pid file: a standby is found by its command line ({@link
     * InstanceProcesses#isStandby}), and once it took over, by the registry.
     */
    public ChildProcess spawnStandby(final ServiceDefinition service, final String instanceId,
        final Map<String, String> instanceProperties, final int start) throws IOException
    {
        requireClassPath(service);
        final List<String> command = command(service, instanceId, instanceProperties,
            List.of(InstanceProcesses.STANDBY_OPTION));
        return new SpawnedChild(start(command, standbyLog(instanceId), "standby #" + start + " of " + instanceId),
            setsid != null);
    }

    public Path standbyLog(final String instanceId)
    {
        return dataDirectory.logs().resolve(instanceId + ".standby.log");
    }

    private Process start(final List<String> command, final Path log, final String what) throws IOException
    {
        Files.createDirectories(log.getParent());
        Files.writeString(log, System.lineSeparator() + "=== procmesh launcher " + Instant.now() + ": " + what +
            System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return LoggedProcess.start(command, log, true);
    }

    private void requireClassPath(final ServiceDefinition service) throws IOException
    {
        classPath.requireExists();
        for (final Path entry : service.classPath())
        {
            if (!Files.exists(entry))
            {
                throw new IOException("class path entry " + entry + " of service '" + service.name() +
                    "' is missing (deleted or being rebuilt?)");
            }
        }
    }

    public DataDirectory dataDirectory()
    {
        return dataDirectory;
    }

    public Path log(final String instanceId)
    {
        return dataDirectory.log(instanceId);
    }
}
