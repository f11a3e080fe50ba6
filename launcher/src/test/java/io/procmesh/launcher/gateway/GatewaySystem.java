package io.procmesh.launcher.gateway;

import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.EchoServiceMain;
import io.procmesh.core.test.TestDirectories;
import io.procmesh.services.notification.NotificationServiceMain;
import io.procmesh.services.order.OrderServiceMain;
import io.procmesh.services.user.UserServiceMain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real system for gateway tests: the three demo services, the core test echo service and the gateway, each
 * its own JVM on one data directory, reached over real HTTP. Every child has a hard time limit and close()
 * kills them all by pid, whatever the outcome. The data directory is kept under target/ for inspection.
 */
final class GatewaySystem implements AutoCloseable
{
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    static final Duration CHILD_HARD_TIMEOUT = Duration.ofMinutes(6);
    private static final Pattern READY_PORT = Pattern.compile("READY gateway-1 pid \\d+ port (\\d+)");
    private static final Map<String, Class<?>> SERVICE_MAINS = Map.of(
        "user-1", UserServiceMain.class,
        "order-1", OrderServiceMain.class,
        "notification-1", NotificationServiceMain.class);

    private final Path dataDir;
    private final List<String> gatewayProperties;
    private final Map<String, ChildJvm> children = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    private int port;

    private GatewaySystem(final String name, final List<String> gatewayProperties)
    {
        this.dataDir = TestDirectories.create(name);
        this.gatewayProperties = gatewayProperties;
    }

    /**
     * Starts every JVM at once (they start in parallel, which matters on 2 cores), then waits for each READY line.
     */
    static GatewaySystem start(final String name, final List<String> gatewayProperties)
    {
        final GatewaySystem system = new GatewaySystem(name, gatewayProperties);
        try
        {
            for (final String instanceId : SERVICE_MAINS.keySet())
            {
                system.launchService(instanceId);
            }
            system.children.put("echo-1", ChildJvm.start(EchoServiceMain.class, system.log("echo-1"),
                CHILD_HARD_TIMEOUT, List.of(), system.dataDir.toString(), "echo-1",
                system.dataDir.resolve("echo-handled.txt").toString()));
            system.launchGateway(List.of());
            for (final Map.Entry<String, ChildJvm> child : system.children.entrySet())
            {
                child.getValue().awaitLogLine("READY " + child.getKey(), START_TIMEOUT);
            }
            system.port = system.gatewayPort(system.children.get("gateway-1"));
            system.awaitHealth(200, START_TIMEOUT);
            return system;
        }
        catch (final RuntimeException | Error ex)
        {
            system.close();
            throw ex;
        }
    }

    Path dataDir()
    {
        return dataDir;
    }

    int port()
    {
        return port;
    }

    ChildJvm child(final String instanceId)
    {
        return children.get(instanceId);
    }

    /**
     * Starts a service instance again after it stopped or was killed, under the same instance id.
     */
    void restartService(final String instanceId)
    {
        final ChildJvm previous = children.get(instanceId);
        if (previous != null && previous.isAlive())
        {
            throw new IllegalStateException(instanceId + " is still running as pid " + previous.pid());
        }
        final ChildJvm child = launchService(instanceId);
        child.awaitLogLine("READY " + instanceId, START_TIMEOUT);
    }

    /**
     * Starts gateway-1 again after it was killed, on the same port, as a supervisor would.
     */
    void restartGateway()
    {
        final ChildJvm previous = children.get("gateway-1");
        if (previous.isAlive())
        {
            throw new IllegalStateException("gateway-1 is still running as pid " + previous.pid());
        }
        previous.close();
        launchGateway(List.of("-Dprocmesh.gateway.port=" + port));
        final ChildJvm gateway = children.get("gateway-1");
        gateway.awaitLogLine("READY gateway-1", START_TIMEOUT);
        if (gatewayPort(gateway) != port)
        {
            throw new IllegalStateException("gateway-1 came back on another port:\n" + gateway.logText());
        }
    }

    /**
     * Starts another gateway JVM with extra system properties, e.g. to test start-up failures; the caller owns it.
     */
    ChildJvm launchExtraGateway(final String instanceId, final List<String> properties)
    {
        final List<String> all = new ArrayList<>(List.of(
            "-Dprocmesh.dataDir=" + dataDir, "-Dprocmesh.instanceId=" + instanceId));
        all.addAll(properties);
        final ChildJvm child = ChildJvm.start(GatewayMain.class, log(instanceId), CHILD_HARD_TIMEOUT, all);
        children.put(instanceId + "#" + child.pid(), child);
        return child;
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
        final long deadline = System.nanoTime() + timeout.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline)
        {
            try
            {
                final HttpResult result = get(path);
                if (condition.test(result))
                {
                    return result;
                }
                last = result;
            }
            catch (final UncheckedIOException ex)
            {
                // A connection pooled before a gateway restart fails once; the next attempt reconnects.
                last = ex;
            }
            sleep(50);
        }
        throw new AssertionError("GET " + path + " did not reach the expected answer within " + timeout +
            "; last answer: " + last);
    }

    HttpResult awaitHealth(final int status, final Duration timeout)
    {
        return awaitGet("/health", result -> result.status() == status, timeout);
    }

    private ChildJvm launchService(final String instanceId)
    {
        final ChildJvm child = ChildJvm.start(SERVICE_MAINS.get(instanceId), log(instanceId), CHILD_HARD_TIMEOUT,
            List.of("-Dprocmesh.dataDir=" + dataDir, "-Dprocmesh.instanceId=" + instanceId));
        final ChildJvm previous = children.put(instanceId, child);
        if (previous != null)
        {
            previous.close();
        }
        return child;
    }

    private void launchGateway(final List<String> overrides)
    {
        final List<String> properties = new ArrayList<>(List.of(
            "-Dprocmesh.dataDir=" + dataDir,
            "-Dprocmesh.instanceId=gateway-1",
            "-Dprocmesh.gateway.port=0"));
        properties.addAll(gatewayProperties);
        properties.addAll(overrides);
        children.put("gateway-1", ChildJvm.start(GatewayMain.class, log("gateway-1"), CHILD_HARD_TIMEOUT, properties));
    }

    private int gatewayPort(final ChildJvm gateway)
    {
        final Matcher matcher = READY_PORT.matcher(gateway.logText());
        if (!matcher.find())
        {
            throw new IllegalStateException("gateway READY line has no port:\n" + gateway.logText());
        }
        return Integer.parseInt(matcher.group(1));
    }

    private Path log(final String instanceId)
    {
        return dataDir.resolve("logs").resolve(instanceId + ".log");
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Kills every child by pid, gateway first so no request is in flight to a dying service.
     */
    @Override
    public void close()
    {
        final List<ChildJvm> order = new ArrayList<>(children.values());
        java.util.Collections.reverse(order);
        RuntimeException failure = null;
        for (final ChildJvm child : order)
        {
            try
            {
                child.close();
            }
            catch (final RuntimeException ex)
            {
                if (failure == null)
                {
                    failure = ex;
                }
                else
                {
                    failure.addSuppressed(ex);
                }
            }
        }
        children.clear();
        if (failure != null)
        {
            throw failure;
        }
    }
}
