package io.procmesh.launcher;

import io.procmesh.launcher.testing.CliResult;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.TopologyYaml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input to the real launcher JVM: one readable line, the right exit code, and nothing started.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputTest
{
    private static final String USER = "io.procmesh.services.user.UserServiceMain";
    private final LauncherHarness harness = LauncherHarness.create("bad-input", "services: {}\n");

    @AfterAll
    void cleanUp()
    {
        harness.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        unknown dependency | services:\\n  user: {mainClass: USER, dependsOn: [nobody]}\\n | 2:76 | service 'user' depends on 'nobody', which is not defined
        dependency cycle   | services:\\n  a: {mainClass: USER, dependsOn: [b]}\\n  b: {mainClass: USER, dependsOn: [a]}\\n | 3:73 | dependency cycle: a -> b -> a
        missing main class | services:\\n  user:\\n    mainClass: com.example.Missing\\n | 3:16 | main class 'com.example.Missing' of service 'user' is not on its class path (the launcher's)
        invalid YAML       | services:\\n  user: {mainClass: USER\\n | 3:1 | invalid YAML: expected ',' or '}', but got <stream end> (while parsing a flow mapping)
        unknown field      | services:\\n  user:\\n    mainClass: USER\\n    replicas: 2\\n | 4:5 | unknown field 'replicas' in services.user
        """)
    void shouldRefuseABadTopologyWithFileAndLine(
        final String kind, final String yaml, final String lineAndColumn, final String problem) throws IOException
    {
        final Path file = harness.directory().resolve(kind.replace(' ', '-') + ".yaml");
        Files.writeString(file, yaml.replace("\\n", "\n").replace("USER", USER), StandardCharsets.UTF_8);
        final Path dataDir = harness.directory().resolve("data-" + kind.replace(' ', '-'));

        final CliResult result = harness.cli("up", "--config", file.toString(), "--data-dir", dataDir.toString());

        assertEquals(2, result.exitCode(), result.toString());
        final List<String> lines = result.lines();
        assertEquals(1, lines.size(), result.toString());
        assertTrue(lines.get(0).startsWith("procmesh: bad topology: " + file + ":" + lineAndColumn + ": " + problem),
            result.toString());
        assertFalse(Files.exists(dataDir), "nothing started, not even the data dir");
    }

    @Test
    void shouldRefuseAMissingTopologyFile()
    {
        final Path missing = harness.directory().resolve("missing.yaml");

        final CliResult result = harness.cli("up", "--config", missing.toString());

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(List.of("procmesh: bad topology: " + missing + ": no such file"), result.lines());
    }

    @Test
    void shouldRefuseADataDirThatCannotBeCreated() throws IOException
    {
        final Path file = harness.directory().resolve("a-file");
        Files.writeString(file, "not a directory");

        final CliResult result = harness.cli("up", "--config", TopologyYaml.DEMO.toString(), "--data-dir",
            file.resolve("data").toString());

        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(1, result.lines().size(), result.toString());
        assertTrue(result.lines().get(0).startsWith("procmesh: data dir " + file.resolve("data") +
            " cannot be created: "), result.toString());
    }

    @Test
    void shouldRefuseADataDirOthersMayWrite() throws IOException
    {
        final Path shared = Files.createDirectories(harness.directory().resolve("shared-data"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        final CliResult result = harness.cli("up", "--config", TopologyYaml.DEMO.toString(), "--data-dir",
            shared.toString());

        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(List.of("procmesh: data dir " + shared + " is writable by its group or others (rwxrwxrwx): " +
            "anyone could replace what is in it; chmod 700 it if what is inside can be trusted, or use a new directory"),
            result.lines());
        try (java.util.stream.Stream<Path> inside = Files.list(shared))
        {
            assertEquals(0, inside.count(), "nothing started in it");
        }
    }

    @Test
    void shouldAskForATopologyWhenThereIsNoDemoHere()
    {
        // The tests run in the launcher module's directory, which has no services/procmesh-demo.yaml.
        final CliResult result = harness.cli("up", "--data-dir", harness.directory().resolve("data").toString());

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(List.of("procmesh: no topology: pass --config FILE (the demo's is services/procmesh-demo.yaml " +
            "in a procmesh checkout)"), result.lines());
    }

    @Test
    void shouldRefuseBadArgumentsWithExitTwo()
    {
        final CliResult unknownOption = harness.cli("status", "--colour");
        assertEquals(2, unknownOption.exitCode(), unknownOption.toString());
        assertEquals(List.of("procmesh: Unknown option: '--colour' (see 'procmesh --help')"), unknownOption.lines());

        final CliResult missingService = harness.cli("restart");
        assertEquals(2, missingService.exitCode(), missingService.toString());
        assertEquals(1, missingService.lines().size(), missingService.toString());
        assertTrue(missingService.lines().get(0).startsWith("procmesh: Missing required parameter: 'SERVICE'"),
            missingService.toString());

        final CliResult noCommand = harness.cli();
        assertEquals(2, noCommand.exitCode(), noCommand.toString());
        assertEquals(List.of("procmesh: missing command: use up, down, status, restart, scale, rollout, rollback, " +
            "logs, alerts, incidents, config or jvm-flags (see 'procmesh --help')"),
            noCommand.lines());
    }

    @Test
    void shouldExplainThatNothingRunsWhereNothingWasStarted()
    {
        final Path empty = harness.directory().resolve("never-used");

        final CliResult status = harness.cli("status", "--data-dir", empty.toString());
        final CliResult restart = harness.cli("restart", "user", "--data-dir", empty.toString());
        final CliResult down = harness.cli("down", "--data-dir", empty.toString());

        assertEquals(1, status.exitCode(), status.toString());
        assertEquals(List.of("procmesh: no procmesh data in " + empty +
            ": nothing was started with this data directory (use --data-dir?)"), status.lines());
        assertEquals(1, restart.exitCode(), restart.toString());
        assertEquals(List.of("procmesh: no launcher is running for " + empty + "; start it with 'procmesh up'"),
            restart.lines());
        assertEquals(0, down.exitCode(), down.toString());
        assertEquals(List.of("procmesh: nothing to stop: " + empty + " does not exist"), down.lines());
    }
}
