package io.procmesh.launcher;

import io.procmesh.core.config.JavaCommand;
import io.procmesh.core.process.LoggedProcess;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.HttpResult;
import io.procmesh.core.test.HttpTestClient;
import io.procmesh.core.test.TestDirectories;
import io.procmesh.launcher.process.InstanceProcesses;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.state.LauncherStateFile;
import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.TopologyYaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar as an operator runs it, `java -jar procmesh-launcher.jar up --config services/procmesh-demo.yaml`:
 * the manifest's Add-Opens, the merged service files and the children's class path (the demo's jar, then the
 * launcher jar) all work, and the jar carries nothing of the demo.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ShadedJarIT
{
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
    private static final String GATEWAY = "http://127.0.0.1:8080";
    private final Path jar = Path.of(System.getProperty("procmesh.test.launcherJar", "target/procmesh-launcher.jar"))
        .toAbsolutePath();
    private final Path directory = TestDirectories.create("shaded-jar");
    private final Path dataDir = directory.resolve("data");
    private final List<Process> started = new ArrayList<>();
    private final List<LauncherState.Instance> seen = new ArrayList<>();

    @AfterEach
    void killEverythingStarted()
    {
        for (final Process process : started)
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (final LauncherState.Instance instance : seen)
        {
            InstanceProcesses.find(instance.pid(), instance.instanceId(), dataDir).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void shouldRunTheDemoFromItsOwnJar() throws Exception
    {
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run mvn package first");
        try (ZipFile zip = new ZipFile(jar.toFile()))
        {
            assertTrue(zip.stream().noneMatch(entry -> entry.getName().startsWith("io/procmesh/services/")),
                "the launcher jar carries demo classes");
        }
        final CliResult help = run("help.log", "--help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.output().startsWith("Usage: procmesh"), help.toString());

        final Path launcherLog = directory.resolve("up.log");
        final Process launcher = start(launcherLog, "up", "--config", TopologyYaml.DEMO.toString(), "--data-dir",
            dataDir.toString());
        Await.until(() -> read(launcherLog).contains("procmesh: all 5 instances UP"), Duration.ofSeconds(120),
            () -> read(launcherLog));
        final LauncherState state = new LauncherStateFile(dataDir.resolve("launcher/state.json")).read().orElseThrow();
        seen.addAll(state.instances());
        assertEquals(TopologyYaml.DEMO.toString(), state.topology());
        assertTrue(state.instances().stream().allMatch(instance -> instance.state() == InstanceState.UP));

        final CliResult status = run("status.log", "status", "--data-dir", dataDir.toString());
        assertEquals(0, status.exitCode(), status.toString());
        assertEquals(4, status.lines().stream().filter(line -> line.matches("\\S+-1 +UP .*")).count(),
            status.toString());

        // The demo's gateway answers on its documented port, through the services the launcher started.
        final HttpTestClient http =
            HttpTestClient.of(URI.create(GATEWAY), Duration.ofSeconds(5), Duration.ofSeconds(10));
        final HttpResult created = http.post("/api/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}");
        assertEquals(201, created.status(), created.body());
        final HttpResult health = http.get("/health");
        assertEquals(200, health.status(), health.body());

        final CliResult down = run("down.log", "down", "--data-dir", dataDir.toString());
        assertEquals(0, down.exitCode(), down.toString());
        assertTrue(launcher.waitFor(30, TimeUnit.SECONDS));
        assertEquals(ExitCodes.STOPPED_BY_SIGNAL, launcher.exitValue());
        for (final LauncherState.Instance instance : seen)
        {
            assertFalse(ProcessHandle.of(instance.pid()).map(ProcessHandle::isAlive).orElse(false),
                instance.instanceId() + " still running");
        }
    }

    private Process start(final Path log, final String... args) throws IOException
    {
        final Process process = LoggedProcess.start(JavaCommand.jar(jar).args(args).build(), log, false);
        started.add(process);
        return process;
    }

    private CliResult run(final String logName, final String... args) throws IOException, InterruptedException
    {
        final Path log = directory.resolve(logName);
        final Process process = start(log, args);
        if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError("procmesh " + String.join(" ", args) + " still running after " +
                COMMAND_TIMEOUT + ":\n" + read(log));
        }
        return new CliResult(process.exitValue(), read(log));
    }

    private static String read(final Path log)
    {
        try
        {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
