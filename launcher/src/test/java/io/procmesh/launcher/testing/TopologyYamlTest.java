package io.procmesh.launcher.testing;

import io.procmesh.core.test.EchoServiceMain;
import io.procmesh.core.test.TestDirectories;
import io.procmesh.launcher.topology.ServiceDefinition;
import io.procmesh.launcher.topology.Topology;
import io.procmesh.launcher.topology.TopologyLoader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TopologyYamlTest
{
    @Test
    void shouldWriteATopologyTheLauncherLoadsAsBuilt() throws Exception
    {
        final Path directory = TestDirectories.create("topology-yaml");
        final Path dataDir = directory.resolve("data");
        final String yaml = TopologyYaml.withGrace(3_000)
            .setting("healthCheckIntervalMs", 100)
            .defaults("jvmOptions", "[-Xmx64m, -XX:+UseSerialGC]")
            .defaults("health", "{heartbeatTimeoutMs: 10000}")
            .service("user", TopologyYaml.USER)
            .service("order", TopologyYaml.ORDER, "dependsOn: [user]", "restart: {maxRestarts: 1}")
            .echo("echo", dataDir, "handled.txt", "jvmOptions: [-Xmx128m]")
            .yaml();
        final Path file = directory.resolve("topology.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);

        final Topology topology = new TopologyLoader(TopologyYamlTest.class.getClassLoader()).load(file);

        assertEquals(3_000, topology.shutdownGraceMs());
        assertEquals(100, topology.healthCheckIntervalMs());
        assertEquals(List.of("user", "echo", "order"), topology.serviceNames(), yaml);
        final ServiceDefinition order = topology.service("order");
        assertEquals(TopologyYaml.ORDER, order.mainClass());
        assertEquals(List.of("user"), order.dependsOn());
        assertEquals(List.of("-Xmx64m", "-XX:+UseSerialGC"), order.jvmOptions());
        assertEquals(10_000, order.health().heartbeatTimeoutMs());
        assertEquals(1, order.restart().maxRestarts());
        final ServiceDefinition echo = topology.service("echo");
        assertEquals(EchoServiceMain.class.getName(), echo.mainClass());
        assertEquals(List.of(dataDir.toAbsolutePath().toString(), "echo-1",
            directory.resolve("handled.txt").toAbsolutePath().toString()), echo.args());
        assertEquals(List.of("-Xmx64m", "-XX:+UseSerialGC", "-Xmx128m"), echo.jvmOptions(), "the defaults, then its own");
    }
}
