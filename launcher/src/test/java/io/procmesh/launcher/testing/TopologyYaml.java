package io.procmesh.launcher.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procmesh.core.test.EchoServiceMain;
import io.procmesh.launcher.topology.RouteDefinition;
import io.procmesh.launcher.topology.ServiceDefinition;
import io.procmesh.launcher.topology.Topology;
import io.procmesh.launcher.topology.TopologyLoader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

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
    /**
     * The demo's topology (the module directory is the tests' working directory); its services run from
     * {@code services/target/procmesh-services.jar}, which the reactor packages before the launcher's tests.
     */
    public static final Path DEMO = Path.of("../services/procmesh-demo.yaml").toAbsolutePath().normalize();
    public static final String USER_API = "api: io.procmesh.services.user.UserApi";
    public static final String ORDER_API = "api: io.procmesh.services.order.OrderApi";
    public static final String NOTIFICATION_API = "api: io.procmesh.services.notification.NotificationApi";
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * A service given by {@code api:} and {@code implementation:}, run by core's ServiceMain, from the launcher's
     * class path (the test classes are on it).
     */
    public TopologyYaml implementation(final String name, final Class<?> api, final Class<?> implementation,
        final String... fields)
    {
        services.add("  " + name + ":");
        services.add("    api: " + api.getName());
        services.add("    implementation: " + implementation.getName());
        for (final String field : fields)
        {
            services.add("    " + field);
        }
        return this;
    }

    /**
     * A service given by {@code api:} and {@code implementation:} from a jar of its own, as a team deploys one.
     */
    public TopologyYaml implementation(final String name, final Path jar, final String api,
        final String implementation, final String... fields)
    {
        services.add("  " + name + ":");
        services.add("    classPath: " + json(List.of(jar.toAbsolutePath().toString())));
        services.add("    api: " + api);
        services.add("    implementation: " + implementation);
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
     * A demo service as {@link #DEMO} declares it (its jar, api, class, version and config; read with the launcher's
     * own loader, so its class path is absolute), with the test's own settings.
     *
     * @param fields the service's other entries, e.g. {@code "dependsOn: [user]"}.
     */
    public TopologyYaml demoService(final String name, final String... fields)
    {
        final ServiceDefinition declared = demo().service(name);
        if (declared == null)
        {
            throw new IllegalArgumentException("the demo has no service " + name);
        }
        services.add("  " + name + ":");
        services.add("    classPath: " + json(declared.classPath().stream().map(Path::toString).toList()));
        if (declared.api() != null)
        {
            services.add("    api: " + declared.api());
        }
        services.add(declared.implementation() != null ?
            "    implementation: " + declared.implementation() : "    mainClass: " + declared.mainClass());
        if (declared.version() != null)
        {
            services.add("    version: " + json(declared.version()));
        }
        if (!declared.config().isEmpty())
        {
            services.add("    config: " + json(declared.config()));
        }
        for (final String field : fields)
        {
            services.add("    " + field);
        }
        return this;
    }

    /**
     * The demo's {@code gateway:} section (its routes, {@code expose} and {@code events}) on another port.
     *
     * @param jvmOptions the gateway's JVM options, e.g. {@code -Dprocmesh.gateway.deadlineMs=1000}.
     */
    public TopologyYaml demoGateway(final int port, final List<String> jvmOptions)
    {
        return gateway(port, demoRoutes(), demoExpose(), jvmOptions)
            .gatewayEvents(List.copyOf(new TreeSet<>(demo().gateway().events())));
    }

    /**
     * The {@code gateway:} section's {@code events}: topics served as Server-Sent Events. After {@link #gateway}.
     */
    public TopologyYaml gatewayEvents(final List<String> topics)
    {
        gateway.add("  events: [" + String.join(", ", topics) + "]");
        return this;
    }

    private static Topology demo()
    {
        return new TopologyLoader(TopologyYaml.class.getClassLoader()).load(DEMO);
    }

    private static String json(final Object value)
    {
        try
        {
            return JSON.writeValueAsString(value);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The {@code gateway:} section.
     *
     * @param routes     each a flow mapping, e.g. {@code {method: GET, path: '/api/users/{id}', call: user.get}}.
     * @param expose     {@code service.operation} entries {@code /rpc} may reach.
     * @param jvmOptions the gateway's JVM options, e.g. {@code -Dprocmesh.gateway.deadlineMs=1000}.
     */
    public TopologyYaml gateway(final int port, final List<String> routes, final List<String> expose,
        final List<String> jvmOptions)
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
        if (!jvmOptions.isEmpty())
        {
            gateway.add("  jvmOptions: [" + String.join(", ", jvmOptions) + "]");
        }
        return this;
    }

    /**
     * @return the demo topology's routes, each as a flow mapping for {@link #gateway}.
     */
    public static List<String> demoRoutes()
    {
        final List<String> routes = new ArrayList<>();
        for (final RouteDefinition route : demo().gateway().routes())
        {
            routes.add("{method: " + route.method() + ", path: '" + route.path() + "', call: " + route.call() +
                ", status: " + route.status() + "}");
        }
        return routes;
    }

    /**
     * @return the demo topology's {@code expose} entries, sorted.
     */
    public static List<String> demoExpose()
    {
        return List.copyOf(new TreeSet<>(demo().gateway().expose()));
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
