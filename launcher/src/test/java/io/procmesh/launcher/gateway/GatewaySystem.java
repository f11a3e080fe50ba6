package io.procmesh.launcher.gateway;

import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.HttpResult;
import io.procmesh.core.test.HttpTestClient;
import io.procmesh.core.test.Ports;
import io.procmesh.core.test.Signals;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.testing.LauncherHarness;
import io.procmesh.launcher.testing.TopologyYaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjIntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real system for gateway tests, started as an operator starts it: {@code procmesh up --config <topology>} in its
 * own JVM (through {@link LauncherHarness}), which starts user, order, notification, the core test echo service
 * and the gateway, each in its own JVM, on a port chosen here so a restarted gateway comes back on it. Reached
 * over real HTTP; pids come from the launcher's state file. The launcher and every JVM it started are killed by
 * pid in close(), whatever the outcome; the directory is kept under target/ for inspection.
 */
final class GatewaySystem implements AutoCloseable
{
    static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    static final Duration LAUNCHER_HARD_TIMEOUT = Duration.ofMinutes(6);
    static final List<String> INSTANCES = List.of("user-1", "order-1", "notification-1", "echo-1", "gateway-1");
    /**
     * Routes to the core test echo service, which no gateway class knows of: path and body bound by name.
     */
    static final List<String> ROUTES_BEYOND_THE_DEMO = List.of(
        "{method: POST, path: '/api/echo/{text}/repeat', call: echo.repeat}",
        "{method: GET, path: '/api/echo/{text}', call: echo.echo}");
    static final List<String> EXPOSED_BEYOND_THE_DEMO = List.of("echo.echo", "echo.add", "echo.fail", "echo.slow");
    /**
     * The user service's {@code metadata:}: each user instance registers it, and /services and status show it.
     */
    static final String USER_METADATA = "{zone: eu-1, role: primary}";
    /**
     * The demo's topic of created orders, served as events at {@code /events/orders}.
     */
    static final String ORDERS_TOPIC = "orders";
    private static final Pattern READY_PORT = Pattern.compile("READY gateway-1 pid (\\d+) port (\\d+)");

    private final LauncherHarness harness;
    private final int port;
    private final HttpTestClient http;
    private ChildJvm launcher;

    private GatewaySystem(final LauncherHarness harness, final int port)
    {
        this.harness = harness;
        this.port = port;
        this.http = HttpTestClient.local(port, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /**
     * Starts the launcher and waits until every instance is UP and /health answers 200.
     *
     * @param gatewayProperties system properties for the gateway JVM, after the port.
     * @param extraServices     adds more services to the topology, given the gateway's port.
     */
    static GatewaySystem start(final String name, final List<String> gatewayProperties,
        final ObjIntConsumer<TopologyYaml> extraServices)
    {
        return start(name, gatewayProperties, extraServices, List.of());
    }

    /**
     * @param launcherProperties system properties for the launcher's own JVM.
     */
    static GatewaySystem start(final String name, final List<String> gatewayProperties,
        final ObjIntConsumer<TopologyYaml> extraServices, final List<String> launcherProperties)
    {
        final int port = Ports.free();
        final LauncherHarness harness = LauncherHarness.create(name, dataDir ->
        {
            final TopologyYaml topology = topology(dataDir, port, gatewayProperties);
            extraServices.accept(topology, port);
            return topology.yaml();
        });
        final GatewaySystem system = new GatewaySystem(harness, port);
        try
        {
            system.launcher = harness.startLauncher("launcher.log", LAUNCHER_HARD_TIMEOUT, launcherProperties);
            system.awaitAllUp(START_TIMEOUT);
            if (system.gatewayReadyPort() != port)
            {
                throw new IllegalStateException("gateway-1 is not on port " + port + ":\n" + system.instanceLog("gateway-1"));
            }
            return system;
        }
        catch (final RuntimeException | Error ex)
        {
            system.close();
            throw ex;
        }
    }

    LauncherHarness harness()
    {
        return harness;
    }

    ChildJvm launcher()
    {
        return launcher;
    }

    int port()
    {
        return port;
    }

    /**
     * @return the pid the launcher reports for the instance (its state file).
     */
    long pid(final String instanceId)
    {
        final LauncherState.Instance instance = harness.instance(instanceId);
        if (instance == null || instance.pid() <= 0)
        {
            throw new IllegalStateException("no pid for " + instanceId + " in " + harness.state());
        }
        return instance.pid();
    }

    LauncherState.Instance instance(final String instanceId)
    {
        return harness.instance(instanceId);
    }

    /**
     * Sends a signal to the instance's current pid, after checking that pid is still that instance of this system.
     *
     * @return the pid signalled.
     */
    long signal(final String instanceId, final String signal)
    {
        final long pid = pid(instanceId);
        if (!harness.isInstanceAlive(pid, instanceId))
        {
            throw new IllegalStateException(instanceId + " pid " + pid + " is not running");
        }
        Signals.require(pid, signal);
        return pid;
    }

    /**
     * Waits until the process has exited (it is the launcher's child, so this test can only watch it end).
     */
    static void awaitExit(final long pid, final Duration timeout)
    {
        Await.until(() -> ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true), timeout,
            () -> "pid " + pid + " still running");
    }

    /**
     * Waits until the launcher reports the instance UP under another pid than the given one.
     */
    LauncherState.Instance awaitReplaced(final String instanceId, final long oldPid, final Duration timeout)
    {
        Await.until(() ->
        {
            final LauncherState.Instance now = harness.instance(instanceId);
            return now != null && now.state() == InstanceState.UP && now.pid() != oldPid && now.pid() > 0;
        }, timeout, () -> String.valueOf(harness.instance(instanceId)));
        return harness.instance(instanceId);
    }

    /**
     * Waits until the launcher reports every instance of the system UP and the gateway answers /health with 200.
     */
    void awaitAllUp(final Duration timeout)
    {
        Await.until(() ->
        {
            if (!launcher.isAlive())
            {
                throw new IllegalStateException("launcher exited with " + launcher.process().exitValue() + ":\n" +
                    launcher.logText());
            }
            final LauncherState state = harness.state();
            if (state == null)
            {
                return false;
            }
            for (final String instanceId : INSTANCES)
            {
                final LauncherState.Instance instance = state.instance(instanceId);
                if (instance == null || instance.state() != InstanceState.UP)
                {
                    return false;
                }
            }
            return true;
        }, timeout, () -> String.valueOf(harness.state()) + "\nlauncher log:\n" + launcher.logText());
        awaitHealth(200, timeout);
        // A service reports UP a moment before its handler serves (docs/operations.md): wait until each answers.
        for (final String service : List.of("user", "order", "notification"))
        {
            http.awaitPost("/rpc/" + service + "/list", "", result -> result.status() == 200, timeout);
        }
        http.awaitPost("/rpc/echo/echo", "\"ping\"", result -> result.status() == 200, timeout);
    }

    /**
     * @return everything the instance wrote, across its restarts (the launcher appends to one log per instance).
     */
    String instanceLog(final String instanceId)
    {
        try
        {
            final Path log = harness.dataDir().resolve("logs").resolve(instanceId + ".log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return the port in the last READY line of gateway-1's log.
     */
    int gatewayReadyPort()
    {
        final Matcher matcher = READY_PORT.matcher(instanceLog("gateway-1"));
        int found = -1;
        while (matcher.find())
        {
            found = Integer.parseInt(matcher.group(2));
        }
        if (found < 0)
        {
            throw new IllegalStateException("gateway-1 printed no READY line:\n" + instanceLog("gateway-1"));
        }
        return found;
    }

    HttpTestClient http()
    {
        return http;
    }

    HttpResult awaitHealth(final int status, final Duration timeout)
    {
        return http.awaitGet("/health", result -> result.status() == status, timeout);
    }

    /**
     * The launcher's heartbeat timeout is 10 s, well above the gateway's (1 to 3 s), so that a service frozen by
     * SIGSTOP for a 504 is not killed as hung before the test resumes it; a killed one is still seen at once, by
     * its exit. The first restart waits 500 ms, so "down" lasts long enough to be seen even on a quiet machine.
     */
    private static TopologyYaml topology(final Path dataDir, final int port, final List<String> gatewayProperties)
    {
        final List<String> routes = new ArrayList<>(TopologyYaml.demoRoutes());
        routes.addAll(ROUTES_BEYOND_THE_DEMO);
        final List<String> expose = new ArrayList<>(TopologyYaml.demoExpose());
        expose.addAll(EXPOSED_BEYOND_THE_DEMO);
        return TopologyYaml.withGrace(3_000)
            .setting("healthCheckIntervalMs", 100)
            .defaults("jvmOptions", "[-Xmx128m, -XX:+UseSerialGC, -XX:TieredStopAtLevel=1]")
            .defaults("health", "{heartbeatTimeoutMs: 10000, stuckAfterMs: 10000, startTimeoutMs: 120000}")
            .defaults("restart", "{initialBackoffMs: 500, maxBackoffMs: 2000, maxRestarts: 5, withinSeconds: 60}")
            .demoService("user", "metadata: " + USER_METADATA)
            .demoService("order", "dependsOn: [user]")
            .demoService("notification")
            .echo("echo", dataDir, "echo-handled.txt", "api: " + EchoApi.class.getName())
            .gateway(port, routes, expose, gatewayProperties)
            .gatewayEvents(List.of(ORDERS_TOPIC));
    }

    /**
     * Kills the launcher and every instance pid it ever reported (SIGKILL also ends a process left stopped).
     */
    @Override
    public void close()
    {
        harness.close();
    }
}
