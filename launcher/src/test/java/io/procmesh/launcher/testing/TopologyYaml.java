package io.procmesh.launcher.testing;

import io.procmesh.core.test.EchoServiceMain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one builder of the topology files launcher tests start: top-level settings, {@code defaults:} and
 * {@code services:} in the order given, each value written as YAML (a flow list or map is written as it is given).
 * It lives here, not in core's test-jar, because the format is the launcher's ({@code TopologyLoader}) and only
 * launcher tests write one; tests of a bad topology write their YAML by hand, as that YAML is what they test.
 */
public final class TopologyYaml
{
    public static final String USER = "io.procmesh.services.user.UserServiceMain";
    public static final String ORDER = "io.procmesh.services.order.OrderServiceMain";
    public static final String NOTIFICATION = "io.procmesh.services.notification.NotificationServiceMain";
    public static final String GATEWAY = "io.procmesh.launcher.gateway.GatewayMain";
    public static final String USER_API = "api: io.procmesh.services.user.UserApi";
    public static final String ORDER_API = "api: io.procmesh.services.order.OrderApi";
    public static final String NOTIFICATION_API = "api: io.procmesh.services.notification.NotificationApi";
    /**
     * The demo's REST API (docs/gateway.md) as gateway routes: the same block as the demo topology's.
     */
    public static final List<String> DEMO_ROUTES = List.of(
        "{method: POST, path: /api/users, call: user.create, status: 201}",
        "{method: GET, path: /api/users, call: user.list}",
        "{method: GET, path: '/api/users/{id}', call: user.get}",
        "{method: POST, path: /api/orders, call: order.create, status: 201}",
        "{method: GET, path: /api/orders, call: order.list}",
        "{method: GET, path: '/api/orders?userId={userId}', call: order.listByUser}",
        "{method: GET, path: '/api/orders/{id}', call: order.get}",
        "{method: GET, path: /api/notifications, call: notification.list}",
        "{method: GET, path: '/api/notifications?userId={userId}', call: notification.listByUser}");

    private final List<String> settings = new ArrayList<>();
    private final List<String> defaults = new ArrayList<>();
    private final List<String> services = new ArrayList<>();
    private final List<String> gateway = new ArrayList<>();

    private TopologyYaml()
    {
    }

    /**
     * @param shutdownGraceMs how long `down` and Ctrl-C wait for a service to stop by itself.
     */
    public static TopologyYaml withGrace(final long shutdownGraceMs)
    {
        return new TopologyYaml().setting("shutdownGraceMs", shutdownGraceMs);
    }

    /**
     * A top-level setting, e.g. {@code healthCheckIntervalMs}.
     */
    public TopologyYaml setting(final String key, final Object value)
    {
        settings.add(key + ": " + value);
        return this;
    }

    /**
     * An entry under {@code defaults:}, e.g. {@code "jvmOptions", "[-Xmx128m, -XX:+UseSerialGC]"}.
     */
    public TopologyYaml defaults(final String key, final String value)
    {
        defaults.add("  " + key + ": " + value);
        return this;
    }

    /**
     * @param fields the service's other entries, each {@code "key: value"}, e.g. {@code "dependsOn: [user]"}.
     */
    public TopologyYaml service(final String name, final String mainClass, final String... fields)
    {
        services.add("  " + name + ":");
        services.add("    mainClass: " + mainClass);
        for (final String field : fields)
        {
            services.add("    " + field);
        }
        return this;
    }

    public TopologyYaml service(final String name, final Class<?> mainClass, final String... fields)
    {
        return service(name, mainClass.getName(), fields);
    }

    /**
     * Core's test echo service as service {@code name}, instance {@code <name>-1}.
     *
     * @param handledFile where it records what it handled, a file beside the data directory.
     */
    public TopologyYaml echo(final String name, final Path dataDir, final String handledFile, final String... fields)
    {
        final List<String> all = new ArrayList<>();
        all.add("args: [" + dataDir.toAbsolutePath() + ", " + name + "-1, " +
            dataDir.resolveSibling(handledFile).toAbsolutePath() + "]");
        all.addAll(List.of(fields));
        return service(name, EchoServiceMain.class, all.toArray(String[]::new));
    }

    /**
     * The {@code gateway:} section.
     *
     * @param routes each a flow mapping, e.g. {@code {method: GET, path: '/api/users/{id}', call: user.get}}.
     * @param expose {@code service.operation} entries {@code /rpc} may reach.
     */
    public TopologyYaml gateway(final int port, final List<String> routes, final List<String> expose)
    {
        gateway.clear();
        gateway.add("gateway:");
        gateway.add("  port: " + port);
        gateway.add(routes.isEmpty() ? "  routes: []" : "  routes:");
        for (final String route : routes)
        {
            gateway.add("    - " + route);
        }
        gateway.add("  expose: [" + String.join(", ", expose) + "]");
        return this;
    }

    public String yaml()
    {
        final List<String> lines = new ArrayList<>(settings);
        if (!defaults.isEmpty())
        {
            lines.add("defaults:");
            lines.addAll(defaults);
        }
        lines.add("services:");
        lines.addAll(services);
        lines.addAll(gateway);
        return String.join("\n", lines) + "\n";
    }

    @Override
    public String toString()
    {
        return yaml();
    }
}
