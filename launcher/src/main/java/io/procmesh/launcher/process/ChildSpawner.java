package io.procmesh.launcher.process;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.config.JavaCommand;
import io.procmesh.core.process.LoggedProcess;
import io.procmesh.launcher.LauncherFiles;
import io.procmesh.launcher.state.ChildPidFile;
import io.procmesh.launcher.topology.ServiceDefinition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * Starts one service instance as its own JVM:
 * <pre>
 * [setsid] java &lt;Chronicle flags&gt; [-XX:SharedArchiveFile=&lt;archive&gt;] &lt;jvmOptions&gt;
 *     -Dprocmesh.dataDir=&lt;abs&gt; -Dprocmesh.instanceId=&lt;id&gt;
 *     -cp &lt;launcher class path&gt; &lt;mainClass&gt; &lt;args&gt;
 * </pre>
 * built by core's {@link JavaCommand} and started by {@link LoggedProcess}: stdout and stderr are appended to
 * {@code logs/<instance>.log} and stdin is /dev/null, so a child never depends on the launcher's pipes and keeps
 * running if the launcher dies (it can then be adopted). Its pid is written to {@link ChildPidFile} before spawn
 * returns.
 */
public final class ChildSpawner
{
    private final DataDirectory dataDirectory;
    private final LauncherFiles files;
    private final ChildClassPath classPath;
    private final String setsid;
    private final ClassDataArchive classData;

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
        return JavaCommand.mainClass(service.mainClass())
            .prefix(setsid != null ? List.of(setsid) : List.of())
            .sharedArchive(classData.ready().orElse(null))
            .jvmOptions(service.jvmOptions())
            .systemProperties(List.of(
                InstanceProcesses.dataDirOption(dataDirectory.root()),
                InstanceProcesses.instanceIdOption(instanceId)))
            .classPath(classPath.value())
            .args(service.args())
            .build();
    }

    /**
     * @param start 1 for the first start of this instance, counting up with each restart.
     */
    public ChildProcess spawn(final ServiceDefinition service, final String instanceId, final int start)
        throws IOException
    {
        classPath.requireExists();
        final Path log = dataDirectory.log(instanceId);
        Files.createDirectories(log.getParent());
        Files.writeString(log, System.lineSeparator() + "=== procmesh launcher " + Instant.now() + ": start #" +
            start + " of " + instanceId + System.lineSeparator(), StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        final Process process = LoggedProcess.start(command(service, instanceId), log, true);
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

    public DataDirectory dataDirectory()
    {
        return dataDirectory;
    }

    public Path log(final String instanceId)
    {
        return dataDirectory.log(instanceId);
    }
}
