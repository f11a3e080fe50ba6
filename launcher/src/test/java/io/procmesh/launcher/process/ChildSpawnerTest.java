package io.procmesh.launcher.process;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.config.JvmFlags;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.topology.HealthPolicy;
import io.procmesh.launcher.topology.RestartPolicy;
import io.procmesh.launcher.topology.ServiceDefinition;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildSpawnerTest
{
    private static final ServiceDefinition GATEWAY = new ServiceDefinition("gateway", "com.example.GatewayMain", 1,
        List.of("-Xmx64m", "-Dprocmesh.gateway.port=8080"), List.of("--verbose"), List.of("user"),
        new HealthPolicy(2_000, 5_000, 30_000), new RestartPolicy(100, 5_000, 10_000, 5, 60), null);

    @Test
    void shouldBuildTheChildCommandLine()
    {
        final DataDirectory dataDirectory = new DataDirectory(Path.of("/data/pm"));
        final ChildSpawner spawner = new ChildSpawner(dataDirectory, ChildClassPath.ofThisJvm(), "/usr/bin/setsid");

        final List<String> expected = new ArrayList<>();
        expected.add("/usr/bin/setsid");
        expected.add(JvmFlags.javaExecutable());
        expected.addAll(JvmFlags.chronicle());
        expected.addAll(List.of("-Xmx64m", "-Dprocmesh.gateway.port=8080", "-Dprocmesh.dataDir=/data/pm",
            "-Dprocmesh.instanceId=gateway-2", "-cp", ChildClassPath.ofThisJvm().value(), "com.example.GatewayMain",
            "--verbose"));
        assertEquals(expected, spawner.command(GATEWAY, GATEWAY.instanceId(2)));
        assertTrue(JvmFlags.chronicle().contains("-Dchronicle.analytics.disable=true"));
    }

    @Test
    void shouldStartDirectlyWithoutSetsid()
    {
        final ChildSpawner spawner = new ChildSpawner(new DataDirectory(Path.of("/data/pm")),
            ChildClassPath.ofThisJvm(), ChildSpawner.setsidIfAvailable(true, "/no/such/setsid"));

        assertEquals(JvmFlags.javaExecutable(), spawner.command(GATEWAY, "gateway-1").get(0));
    }

    @Test
    void shouldUseAbsoluteClassPathEntriesAndRefuseMissingOnes()
    {
        final ChildClassPath classPath = ChildClassPath.of("target/classes:/no/such/procmesh-launcher.jar");

        assertEquals(Path.of("target/classes").toAbsolutePath() + ":/no/such/procmesh-launcher.jar",
            classPath.value());
        final LauncherException missing = assertThrows(LauncherException.class, classPath::requireExists);
        assertTrue(missing.getMessage().startsWith("class path entry /no/such/procmesh-launcher.jar is missing"),
            missing.getMessage());
    }
}
