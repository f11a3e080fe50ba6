package io.procmesh.launcher.gateway;

import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.EchoServiceMain;
import io.procmesh.core.test.ThreadStates;
import io.procmesh.launcher.state.InstanceState;
import io.procmesh.launcher.state.LauncherState;
import io.procmesh.launcher.testing.Await;
import io.procmesh.launcher.testing.LauncherHarness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
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
    private static final Pattern READY_PORT = Pattern.compile("READY gateway-1 pid (\\d+) port (\\d+)");

    /**
     * The launcher's heartbeat timeout is 10 s, well above the gateway's (1 to 3 s), so that a service frozen by
     * SIGSTOP for a 504 is not killed as hung before the test resumes it; a killed one is still seen at once, by
     * its exit. The first restart waits 500 ms, so "down" lasts long enough to be seen even on a quiet machine.
     */
    private static final String TOPOLOGY = """
        healthCheckIntervalMs: 100
        shutdownGraceMs: 3000
        defaults:
          jvmOptions: [-Xmx128m, -XX:+UseSerialGC, -XX:TieredStopAtLevel=1]
          health: {heartbeatTimeoutMs: 10000, stuckAfterMs: 10000, startTimeoutMs: 120000}
          restart: {initialBackoffMs: 500, maxBackoffMs: 2000, maxRestarts: 5, withinSeconds: 60}
        services:
          user:
            mainClass: io.procmesh.services.user.UserServiceMain
          order:
            mainClass: io.procmesh.services.order.OrderServiceMain
            dependsOn: [user]
          notification:
            mainClass: io.procmesh.services.notification.NotificationServiceMain
          echo:
            mainClass: %s
            args: [%s, echo-1, %s]
          gateway:
            mainClass: io.procmesh.launcher.gateway.GatewayMain
            dependsOn: [user, order, notification]
            jvmOptions: [%s]
        """;

    private final LauncherHarness harness;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    private ChildJvm launcher;

    private GatewaySystem(final LauncherHarness harness, final int port)
    {
        this.harness = harness;
        this.port = port;
    }

    /**
     * Starts the launcher and waits until every instance is UP and /health answers 200.
     *
     * @param gatewayProperties system properties for the gateway JVM, after the port.
     * @param extraServices     more topology entries under {@code services:} (indented by two), given the port.
     */
    static GatewaySystem start(final String name, final List<String> gatewayProperties,
        final IntFunction<String> extraServices)
    {
        final int port = freePort();
        final LauncherHarness harness = LauncherHarness.create(name, dataDir -> TOPOLOGY.formatted(
            EchoServiceMain.class.getName(), dataDir.toAbsolutePath(),
            dataDir.resolveSibling("echo-handled.txt").toAbsolutePath(),
            String.join(", ", prepend("-Dprocmesh.gateway.port=" + port, gatewayProperties))) +
            extraServices.apply(port));
        final GatewaySystem system = new GatewaySystem(harness, port);
        try
        {
            system.launcher = harness.startLauncher("launcher.log", LAUNCHER_HARD_TIMEOUT);
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
        signal(pid, signal);
        return pid;
    }

    static void signal(final long pid, final String signal)
    {
        try
        {
            final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0)
            {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Waits until every thread of the process is stopped: see {@link ThreadStates}.
     */
    static void awaitStopped(final long pid, final Duration timeout)
    {
        ThreadStates.awaitStopped(pid, timeout);
    }

    /**
     * Waits until the process has exited (it is the launcher's child, so this test can only watch it end).
     */
    static void awaitExit(final long pid, final Duration timeout)
    {
        Await.until(timeout, () -> ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true),
            () -> "pid " + pid + " still running");
    }

    /**
     * Waits until the launcher reports the instance UP under another pid than the given one.
     */
    LauncherState.Instance awaitReplaced(final String instanceId, final long oldPid, final Duration timeout)
    {
        Await.until(timeout, () ->
        {
            final LauncherState.Instance now = harness.instance(instanceId);
            return now != null && now.state() == InstanceState.UP && now.pid() != oldPid && now.pid() > 0;
        }, () -> String.valueOf(harness.instance(instanceId)));
        return harness.instance(instanceId);
    }

    /**
     * Waits until the launcher reports every instance of the system UP and the gateway answers /health with 200.
     */
    void awaitAllUp(final Duration timeout)
    {
        Await.until(timeout, () ->
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
        }, () -> String.valueOf(harness.state()) + "\nlauncher log:\n" + launcher.logText());
        awaitHealth(200, timeout);
        // A service reports UP a moment before its handler serves (docs/operations.md): wait until each answers.
        for (final String service : List.of("user", "order", "notification"))
        {
            awaitPost("/rpc/" + service + "/list", "", result -> result.status() == 200, timeout);
        }
        awaitPost("/rpc/echo/echo", "\"ping\"", result -> result.status() == 200, timeout);
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

    HttpResult get(final String path)
    {
        return send(request(path).GET().build());
    }

    HttpResult post(final String path, final String json)
    {
        return send(request(path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpRequest.Builder request(final String path)
    {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    HttpResult send(final HttpRequest request)
    {
        try
        {
            final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new HttpResult(response.statusCode(), response.headers(), response.body());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Repeats a GET until its answer satisfies the condition; the registry view and heartbeats make some changes
     * visible only after a refresh, so tests poll rather than sleep. A failed connection counts as "not yet".
     */
    HttpResult awaitGet(final String path, final Predicate<HttpResult> condition, final Duration timeout)
    {
        return awaitAnswer(() -> get(path), "GET " + path, condition, timeout);
    }

    HttpResult awaitPost(final String path, final String json, final Predicate<HttpResult> condition,
        final Duration timeout)
    {
        return awaitAnswer(() -> post(path, json), "POST " + path, condition, timeout);
    }

    HttpResult awaitHealth(final int status, final Duration timeout)
    {
        return awaitGet("/health", result -> result.status() == status, timeout);
    }

    private static HttpResult awaitAnswer(final Supplier<HttpResult> exchange, final String what,
        final Predicate<HttpResult> condition, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        Object last = null;
        while (System.nanoTime() - deadline < 0)
        {
            try
            {
                final HttpResult result = exchange.get();
                if (condition.test(result))
                {
                    return result;
                }
                last = result;
            }
            catch (final UncheckedIOException ex)
            {
                // The gateway is down or restarting, or a connection pooled before its restart failed once.
                last = ex;
            }
            Await.sleep(50);
        }
        throw new AssertionError(what + " did not reach the expected answer within " + timeout +
            "; last answer: " + last);
    }

    private static List<String> prepend(final String first, final List<String> rest)
    {
        final List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
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
