package io.procmesh.launcher;

import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.MisnamedMain;
import io.procmesh.launcher.testing.TestJars;
import io.procmesh.launcher.testing.TopologyYaml;
import io.procmesh.launcher.topology.ServiceDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a child learns from the launcher and what the launcher checks of it, with real launcher and service JVMs:
 * an {@code implementation:} service runs {@code ServiceMain} on its own jar first, with its name, api,
 * implementation, version, config file and overlay as system properties; and an instance that registers under
 * another service name than its topology's is never reported UP.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ServiceIdentityTest
{
    private final List<LauncherHarness> harnesses = new ArrayList<>();

    @AfterEach
    void cleanUp()
    {
        harnesses.forEach(LauncherHarness::close);
    }

    @Test
    void shouldNotReportUpAnInstanceRegisteredUnderAnotherName()
    {
        final LauncherHarness harness = harness("misnamed", TopologyYaml.withGrace(3_000)
            .defaults("jvmOptions", "[-Xmx64m, -XX:+UseSerialGC]")
            .service("inventory", MisnamedMain.class,
                "restart: {initialBackoffMs: 100, maxBackoffMs: 200, maxRestarts: 1, withinSeconds: 60}")
            .yaml());
        final ChildJvm launcher = harness.startLauncher("launcher.log");

        harness.awaitState("inventory-1", InstanceState.FAILED, Duration.ofSeconds(120));

        final String log = launcher.logText();
        assertTrue(log.contains("inventory-1 registered as service 'user', not 'inventory'"), log);
        assertFalse(log.contains("inventory-1 UP"), log);
        final LauncherState.Instance inventory = harness.instance("inventory-1");
        assertTrue(inventory.detail().contains("registered as service '" + MisnamedMain.REGISTERS_AS + "'"),
            inventory.toString());
    }

    @Test
    void shouldStartAnImplementationOnItsOwnClassPathWithItsIdentityAndConfig() throws Exception
    {
        final LauncherHarness harness = harness("implementation", dataDir -> "");
        final Path lib = harness.directory().resolve("lib");
        Files.createDirectories(lib);
        // A stand-in for core's ServiceMain, inside the service's own jar: the jar comes first on the child's class
        // path, so the child runs this one. It reports what it was given, then serves as the echo service.
        TestJars.compile(lib, "inventory.jar", Map.of(
            "com.example.inventory.InventoryApi", """
                package com.example.inventory;
                public interface InventoryApi
                {
                    int stock(String sku);
                }
                """,
            "com.example.inventory.InventoryService", """
                package com.example.inventory;
                public class InventoryService implements InventoryApi
                {
                    public int stock(String sku) { return 10; }
                }
                """,
            ServiceDefinition.SERVICE_MAIN, """
                package io.procmesh.core.service;
                import java.nio.file.*;
                import java.util.*;
                public final class ServiceMain
                {
                    public static void main(String[] args) throws Exception
                    {
                        List<String> lines = new ArrayList<>();
                        for (String name : new TreeSet<>(System.getProperties().stringPropertyNames()))
                        {
                            if (name.startsWith("procmesh.service") || name.equals("procmesh.serviceName"))
                            {
                                lines.add(name + "=" + System.getProperty(name));
                            }
                        }
                        Class<?> type = Class.forName(System.getProperty("procmesh.service.implementation"));
                        lines.add("loadedFrom=" + type.getProtectionDomain().getCodeSource().getLocation().getPath());
                        Path config = Path.of(System.getProperty("procmesh.service.configFile"));
                        lines.add("config=" + Files.readString(config).replaceAll("\\\\s", ""));
                        lines.add("configMode=" + java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(config)));
                        Path dataDir = Path.of(System.getProperty("procmesh.dataDir"));
                        Files.write(dataDir.resolveSibling("service-main.txt"), lines);
                        io.procmesh.core.test.EchoServiceMain.main(new String[] {dataDir.toString(),
                            System.getProperty("procmesh.instanceId"), dataDir.resolveSibling("h.txt").toString()});
                    }
                }
                """));
        Files.writeString(harness.topology(), """
            shutdownGraceMs: 3000
            services:
              inventory:
                classPath: [lib/inventory.jar]
                api: com.example.inventory.InventoryApi
                implementation: com.example.inventory.InventoryService
                version: 1.0.0
                config: {startingStock: 10, tags: [a, b]}
                jvmOptions: [-Xmx64m, -XX:+UseSerialGC]
            """, StandardCharsets.UTF_8);

        harness.startLauncher("launcher.log");
        harness.awaitState("inventory-1", InstanceState.UP, Duration.ofSeconds(120));

        final Path report = harness.directory().resolve("service-main.txt");
        Await.until(() -> Files.exists(report), Duration.ofSeconds(10), () -> "no " + report);
        final Path configFile = harness.dataDir().toAbsolutePath().resolve("run/config/inventory.json");
        assertEquals(List.of(
            "procmesh.service.api=com.example.inventory.InventoryApi",
            "procmesh.service.configFile=" + configFile,
            "procmesh.service.configOverlay=" + harness.topology().resolveSibling("topology.overlay.json"),
            "procmesh.service.implementation=com.example.inventory.InventoryService",
            "procmesh.service.version=1.0.0",
            "procmesh.serviceName=inventory",
            "loadedFrom=" + lib.resolve("inventory.jar"),
            "config={\"startingStock\":10,\"tags\":[\"a\",\"b\"]}",
            "configMode=rw-------"), Files.readAllLines(report));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(configFile)));
    }

    private LauncherHarness harness(final String name, final String yaml)
    {
        return harness(name, dataDir -> yaml);
    }

    private LauncherHarness harness(final String name, final Function<Path, String> yaml)
    {
        final LauncherHarness harness = LauncherHarness.create(name, yaml);
        harnesses.add(harness);
        return harness;
    }
}
