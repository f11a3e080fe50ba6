package io.procmesh.launcher.process;

import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.config.JvmFlags;
import io.procmesh.core.test.TestDirectories;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.topology.HealthPolicy;
import io.procmesh.launcher.topology.RestartPolicy;
import io.procmesh.launcher.topology.ServiceDefinition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildSpawnerTest
{
    private static final ServiceDefinition GATEWAY = new ServiceDefinition("gateway", "com.example.GatewayMain", 1,
        List.of("-Xmx64m", "-Dprocmesh.gateway.port=8080"), List.of("--verbose"), List.of("user"),
        new HealthPolicy(2_000, 5_000, 30_000), new RestartPolicy(100, 5_000, 10_000, 5, 60));

    @Test
    void shouldBuildTheChildCommandLine()
    {
        final DataDirectory dataDirectory = new DataDirectory(Path.of("/data/pm"));
        final ChildSpawner spawner = new ChildSpawner(dataDirectory, ChildClassPath.ofThisJvm(), "/usr/bin/setsid");

        final List<String> expected = new ArrayList<>();
        expected.add("/usr/bin/setsid");
        expected.add(JvmFlags.javaExecutable());
        expected.addAll(JvmFlags.chronicle());
        expected.addAll(List.of(ChildSpawner.METASPACE_SIZE, "-Xmx64m", "-Dprocmesh.gateway.port=8080", "-Dprocmesh.dataDir=/data/pm",
            "-Dprocmesh.instanceId=gateway-2", "-Dprocmesh.service.configFile=/data/pm/run/config/gateway.json",
            "-cp", ChildClassPath.ofThisJvm().value(), "com.example.GatewayMain", "--verbose"));
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

    @Test
    void shouldPutTheServicesClassPathFirstAndPassItsProperties()
    {
        final ChildClassPath launcher = ChildClassPath.ofThisJvm();
        final ChildSpawner spawner = new ChildSpawner(new DataDirectory(Path.of("/data/pm")), launcher, null);

        final List<String> command = spawner.command(inventory(Map.of()), "inventory-1");

        final int cp = command.indexOf("-cp");
        assertEquals("/apps/inventory.jar:/apps/lib:" + launcher.value(), command.get(cp + 1));
        assertEquals(ServiceDefinition.SERVICE_MAIN, command.get(cp + 2));
        final List<String> properties = command.subList(command.indexOf("-Dprocmesh.dataDir=/data/pm"), cp);
        assertEquals(List.of("-Dprocmesh.dataDir=/data/pm", "-Dprocmesh.instanceId=inventory-1",
            "-Dprocmesh.serviceName=inventory", "-Dprocmesh.service.api=com.example.InventoryApi",
            "-Dprocmesh.service.implementation=com.example.InventoryService", "-Dprocmesh.service.version=1.0.0",
            "-Dprocmesh.service.configOverlay=/apps/topo.overlay.json",
            "-Dprocmesh.service.configFile=/data/pm/run/config/inventory.json"), properties);
    }

    @Test
    void shouldStartAReleaseWithItsVersionAndClassPathAndEverythingElseAsTheService()
    {
        final ChildClassPath launcher = ChildClassPath.ofThisJvm();
        final ChildSpawner spawner = new ChildSpawner(new DataDirectory(Path.of("/data/pm")), launcher, null);
        final ServiceDefinition release = inventory(Map.of()).release("2.0.0", List.of(Path.of("/apps/inv-2.jar")));

        final List<String> command = spawner.command(release, "inventory-2");

        final int cp = command.indexOf("-cp");
        assertEquals("/apps/inv-2.jar:" + launcher.value(), command.get(cp + 1));
        assertEquals(List.of("-Dprocmesh.dataDir=/data/pm", "-Dprocmesh.instanceId=inventory-2",
            "-Dprocmesh.serviceName=inventory", "-Dprocmesh.service.api=com.example.InventoryApi",
            "-Dprocmesh.service.implementation=com.example.InventoryService", "-Dprocmesh.service.version=2.0.0",
            "-Dprocmesh.service.configOverlay=/apps/topo.overlay.json",
            "-Dprocmesh.service.configFile=/data/pm/run/config/inventory.json"),
            command.subList(command.indexOf("-Dprocmesh.dataDir=/data/pm"), cp));
        assertEquals("2.0.0", release.version());
        assertFalse(spawner.command(inventory(Map.of()).release(null, List.of()), "inventory-3").stream()
            .anyMatch(word -> word.startsWith("-Dprocmesh.service.version=")), "a release without a version");
    }

    @Test
    void shouldMapTheClassDataArchiveOnlyWhenTheClassPathIsTheLaunchersAlone() throws Exception
    {
        final Path dir = TestDirectories.create("spawner-cds");
        final Path jar = Files.writeString(dir.resolve("launcher.jar"), "jar");
        final ChildClassPath launcher = ChildClassPath.of(jar.toString());
        final ClassDataArchive archive = ClassDataArchive.of(true, dir.resolve("cds"), launcher, dir.resolve("t.log"),
            "io.procmesh.launcher.training.ClassDataTrainingMain");
        Files.createDirectories(archive.file().getParent());
        Files.writeString(archive.file(), "archive");
        final ChildSpawner spawner = new ChildSpawner(new DataDirectory(dir), launcher, null, archive);
        final String option = "-XX:SharedArchiveFile=" + archive.file();

        assertTrue(spawner.command(GATEWAY, "gateway-1").contains(option));
        // Java maps an archive only when its class path is a prefix of the child's: here the service's jars lead.
        assertFalse(spawner.command(inventory(Map.of()), "inventory-1").contains(option));
    }

    @Test
    void shouldWriteTheConfigBlockAsJsonReadableByTheOwnerOnly() throws Exception
    {
        final Path dir = TestDirectories.create("spawner-config");
        final ChildSpawner spawner = new ChildSpawner(new DataDirectory(dir), ChildClassPath.ofThisJvm(), null);
        final Map<String, Object> config = new LinkedHashMap<>();
        config.put("startingStock", 10);
        config.put("tags", List.of("a", "b"));
        config.put("limits", Map.of("max", 2.5));

        spawner.writeConfig(inventory(config));

        final Path file = dir.resolve("run/config/inventory.json");
        assertEquals("{\"startingStock\":10,\"tags\":[\"a\",\"b\"],\"limits\":{\"max\":2.5}}",
            Files.readString(file, StandardCharsets.UTF_8).replaceAll("\\s", ""));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        spawner.writeConfig(inventory(Map.of()));
        assertEquals("{}", Files.readString(file, StandardCharsets.UTF_8).replaceAll("\\s", ""));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    private static ServiceDefinition inventory(final Map<String, Object> config)
    {
        final Map<String, String> properties = new LinkedHashMap<>();
        properties.put(Configuration.SERVICE_NAME_PROP_NAME, "inventory");
        properties.put(Configuration.SERVICE_API_PROP_NAME, "com.example.InventoryApi");
        properties.put(Configuration.SERVICE_IMPLEMENTATION_PROP_NAME, "com.example.InventoryService");
        properties.put(Configuration.SERVICE_VERSION_PROP_NAME, "1.0.0");
        properties.put(Configuration.SERVICE_CONFIG_OVERLAY_PROP_NAME, "/apps/topo.overlay.json");
        return new ServiceDefinition("inventory", ServiceDefinition.SERVICE_MAIN, 1, 1, List.of(), List.of(), List.of(),
            GATEWAY.health(), GATEWAY.restart(), List.of(Path.of("/apps/inventory.jar"), Path.of("/apps/lib")),
            "com.example.InventoryApi", "com.example.InventoryService", "1.0.0", config, properties, false,
            GATEWAY.rollout());
    }
}
