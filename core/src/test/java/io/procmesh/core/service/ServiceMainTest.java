package io.procmesh.core.service;

import io.procmesh.core.Procmesh;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.JavaCommand;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.ConfigProbeApi;
import io.procmesh.core.test.ConfigProbeService;
import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.EchoService;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ServiceMain in real child JVMs, started as the launcher starts an {@code implementation:} service: its checks
 * (one line, exit 2), a live config change reaching the running service and surviving its restart, and its store.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ServiceMainTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /**
     * An api for the checks' cases.
     */
    public interface Greeter
    {
        String greet(String name);
    }

    /**
     * Implements the api, but only with a constructor ServiceMain cannot call.
     */
    public static final class UnbuildableGreeter implements Greeter
    {
        public UnbuildableGreeter(final String greeting)
        {
        }

        @Override
        public String greet(final String name)
        {
            return name;
        }
    }

    @Test
    void shouldRefuseBadServiceClassesWithOneLineAndExitCode2()
    {
        final Path dir = TestDirectories.create("service-main-checks");
        assertRefused(dir, "not-interface", String.class.getName(), EchoService.class.getName(),
            "procmesh: api java.lang.String is not an interface");
        assertRefused(dir, "missing", Greeter.class.getName(), "com.example.NoSuchService",
            "procmesh: implementation class com.example.NoSuchService is not on the service's class path");
        assertRefused(dir, "not-implementing", Greeter.class.getName(), EchoService.class.getName(),
            "procmesh: implementation " + EchoService.class.getName() + " does not implement api " +
                Greeter.class.getName());
        assertRefused(dir, "constructor", Greeter.class.getName(), UnbuildableGreeter.class.getName(),
            "procmesh: implementation " + UnbuildableGreeter.class.getName() + " has no public constructor taking a " +
                ServiceContext.class.getName() + " or nothing");
    }

    @Test
    void shouldRefuseAClassPathWithASecondCopyOfProcmeshCore() throws IOException
    {
        final Path dir = TestDirectories.create("service-main-two-cores");
        final Path bundled = dir.resolve("bundled/io/procmesh/core/Procmesh.class");
        Files.createDirectories(bundled.getParent());
        try (var in = Procmesh.class.getResourceAsStream("Procmesh.class"))
        {
            Files.copy(in, bundled);
        }
        final List<String> command = JavaCommand.mainClass(ServiceMain.class)
            .classPath(dir.resolve("bundled") + File.pathSeparator + System.getProperty("java.class.path"))
            .systemProperties(properties(dir, "probe", "probe-1", ConfigProbeApi.class.getName(),
                ConfigProbeService.class.getName(), null, null))
            .build();
        try (ChildJvm child = ChildJvm.startCommand("two-cores", command, dir.resolve("two-cores.log"), CHILD_TIMEOUT))
        {
            assertEquals(ServiceMain.EXIT_SETUP, child.waitForExit(START_TIMEOUT), child.logText());
            assertTrue(child.logText().contains("procmesh: the class path holds 2 copies of procmesh-core"),
                child.logText());
            assertFalse(child.logText().contains("READY"), child.logText());
        }
    }

    private static void assertRefused(
        final Path dir, final String name, final String api, final String implementation, final String line)
    {
        try (ChildJvm child = ChildJvm.start(ServiceMain.class, dir.resolve(name + ".log"), CHILD_TIMEOUT,
            properties(dir, "greeter", "greeter-1", api, implementation, null, null)))
        {
            assertEquals(ServiceMain.EXIT_SETUP, child.waitForExit(START_TIMEOUT), child.logText());
            final List<String> lines = child.logText().lines().filter(l -> l.startsWith("procmesh")).toList();
            assertEquals(1, lines.size(), child.logText());
            assertTrue(lines.get(0).startsWith(line), lines.get(0));
            assertFalse(child.logText().contains("\tat "), "no stack trace: " + child.logText());
        }
    }

    @Test
    void shouldReportAWronglyTypedStoreSettingAsOneLineAndExitCode2() throws IOException
    {
        final Path dir = TestDirectories.create("service-main-bad-store-config");
        final Path configFile = probeConfig(dir, "{\"store.probe.maxEntries\": \"lots\"}");
        try (ChildJvm child = ChildJvm.start(ServiceMain.class, dir.resolve("probe-1.log"), CHILD_TIMEOUT,
            properties(dir, "probe", "probe-1", ConfigProbeApi.class.getName(), ConfigProbeService.class.getName(),
                configFile, null)))
        {
            assertEquals(ServiceMain.EXIT_SETUP, child.waitForExit(START_TIMEOUT), child.logText());
            final List<String> lines = child.logText().lines().filter(l -> l.startsWith("procmesh")).toList();
            assertEquals(1, lines.size(), child.logText());
            assertTrue(lines.get(0).startsWith("procmesh: service 'probe' cannot start: config key " +
                "'store.probe.maxEntries' of service 'probe' must be"), lines.get(0));
            assertFalse(child.logText().contains("\tat "), "no stack trace: " + child.logText());
            assertFalse(child.logText().contains("READY"), child.logText());
        }
    }

    private static Path probeConfig(final Path dir, final String json) throws IOException
    {
        final Path configFile = dir.resolve("run/config/probe.json");
        Files.createDirectories(configFile.getParent());
        Files.writeString(configFile, json);
        return configFile;
    }

    @Test
    void shouldApplyAnOverlayChangeToTheRunningServiceWithoutARestartAndKeepItAcrossOne() throws IOException
    {
        final Path dir = TestDirectories.create("service-main-config");
        final Path configFile = probeConfig(dir, "{\"greeting\": \"hello\", \"limit\": 3}");
        final Path overlay = dir.resolve("topology.overlay.json");
        final List<String> props = properties(dir, "probe", "probe-1", ConfigProbeApi.class.getName(),
            ConfigProbeService.class.getName(), configFile, overlay);

        try (Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(dir).instanceId("test-client")))
        {
            final ConfigProbeApi probe = mesh.proxy(ConfigProbeApi.class, "probe", 5_000);
            try (ChildJvm child = ChildJvm.start(ServiceMain.class, dir.resolve("probe-1.log"), CHILD_TIMEOUT, props))
            {
                child.awaitLogLine("READY probe-1", START_TIMEOUT);
                assertEquals("3 (topology)", probe.value("limit"));
                assertEquals("unset", probe.value("mode"));
                assertEquals("v1", probe.storeRoundTrip("k", "v1"));

                writeAtomically(overlay, "{\"services\": {\"probe\": {\"limit\": 7, \"mode\": \"fast\"}, " +
                    "\"other\": {\"limit\": 99}}}");
                Await.until(() -> probe.value("limit").equals("7 (overlay)"), Duration.ofSeconds(20),
                    () -> "limit still " + probe.value("limit"));
                assertEquals("fast (overlay)", probe.value("mode"));
                assertEquals("hello (topology)", probe.value("greeting"));
                Await.until(() -> probe.changes().contains("limit,mode"), Duration.ofSeconds(5),
                    () -> "listener saw " + probe.changes());
                assertTrue(child.isAlive());

                writeAtomically(overlay, "{\"services\": {\"probe\": {\"mode\": \"fast\"}}}");
                Await.until(() -> probe.value("limit").equals("3 (topology)"), Duration.ofSeconds(20),
                    () -> "a key removed from the overlay falls back to the topology, was " + probe.value("limit"));
                Await.until(() -> probe.changes().equals(List.of("limit,mode", "limit")), Duration.ofSeconds(5),
                    () -> "listener saw " + probe.changes());
                writeAtomically(overlay, "{\"services\": {\"probe\": {\"limit\": 8, \"mode\": \"fast\"}}}");
                Await.until(() -> probe.value("limit").equals("8 (overlay)"), Duration.ofSeconds(20),
                    () -> "limit still " + probe.value("limit"));
            }
            try (ChildJvm restarted = ChildJvm.start(ServiceMain.class, dir.resolve("probe-1.log"), CHILD_TIMEOUT,
                props))
            {
                restarted.awaitLogLine("READY probe-1", START_TIMEOUT);
                assertEquals("8 (overlay)", probe.value("limit"), "the overlay survives a restart");
                assertEquals("v1", probe.stored("k"), "the store survives a restart");
                assertTrue(Files.exists(dir.resolve("state/probe/probe.cm")));
            }
        }
    }

    @Test
    void shouldRefuseToConnectUnderANameOtherThanTheLaunchers()
    {
        final Path dir = TestDirectories.create("service-main-name");
        try (ChildJvm child = ChildJvm.start(io.procmesh.core.test.EchoServiceMain.class, dir.resolve("echo.log"),
            CHILD_TIMEOUT, List.of("-D" + Configuration.SERVICE_NAME_PROP_NAME + "=inventory"),
            dir.toString(), "echo-1", dir.resolve("handled.txt").toString(), "echo"))
        {
            assertTrue(child.waitForExit(START_TIMEOUT) != 0);
            assertTrue(child.logText().contains("this JVM runs service 'inventory' (procmesh.serviceName, from the " +
                "topology) but connects as service 'echo'"), child.logText());
            assertFalse(child.logText().contains("READY"), child.logText());
        }
    }

    static List<String> properties(
        final Path dataDir,
        final String service,
        final String instanceId,
        final String api,
        final String implementation,
        final Path configFile,
        final Path overlay)
    {
        final List<String> props = new ArrayList<>(List.of(
            "-Dprocmesh.dataDir=" + dataDir,
            "-D" + Configuration.INSTANCE_ID_PROP_NAME + "=" + instanceId,
            "-D" + Configuration.SERVICE_NAME_PROP_NAME + "=" + service,
            "-D" + Configuration.SERVICE_API_PROP_NAME + "=" + api,
            "-D" + Configuration.SERVICE_IMPLEMENTATION_PROP_NAME + "=" + implementation,
            "-D" + Configuration.SERVICE_VERSION_PROP_NAME + "=1.2.3"));
        if (configFile != null)
        {
            props.add("-D" + Configuration.SERVICE_CONFIG_FILE_PROP_NAME + "=" + configFile);
        }
        if (overlay != null)
        {
            props.add("-D" + Configuration.SERVICE_CONFIG_OVERLAY_PROP_NAME + "=" + overlay);
        }
        return props;
    }

    /**
     * As {@code procmesh config} writes it: a temp file renamed over the overlay.
     */
    static void writeAtomically(final Path file, final String text) throws IOException
    {
        final Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
