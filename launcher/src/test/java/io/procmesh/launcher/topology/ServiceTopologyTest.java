package io.procmesh.launcher.topology;

import io.procmesh.core.config.Configuration;
import io.procmesh.core.test.TestDirectories;
import io.procmesh.launcher.testing.TestJars;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Services given by {@code classPath}, {@code api} and {@code implementation}, checked against a real jar built
 * here (the launcher has never seen its classes), and each way such a service can be wrong, at its line.
 */
class ServiceTopologyTest
{
    private static final String API = "com.example.inventory.InventoryApi";
    private static final String SERVICE = "com.example.inventory.InventoryService";
    private static Path base;
    private final TopologyLoader loader = new TopologyLoader(ServiceTopologyTest.class.getClassLoader());

    @BeforeAll
    static void buildJars() throws Exception
    {
        base = TestDirectories.create("service-topology");
        Files.createDirectories(base.resolve("lib"));
        TestJars.compile(base.resolve("lib"), "inventory-1.0.jar", Map.of(
            API, """
                package com.example.inventory;
                public interface InventoryApi
                {
                    int stock(String sku);
                    int reserve(String sku, int qty);
                }
                """,
            SERVICE, """
                package com.example.inventory;
                public class InventoryService implements InventoryApi
                {
                    public int stock(String sku) { return 10; }
                    public int reserve(String sku, int qty) { return 10 - qty; }
                }
                """,
            "com.example.inventory.Stranger", """
                package com.example.inventory;
                public class Stranger
                {
                }
                """,
            "com.example.inventory.Fussy", """
                package com.example.inventory;
                public class Fussy extends InventoryService
                {
                    public Fussy(String needsSomething) { }
                }
                """));
        TestJars.of(base.resolve("lib/fat.jar"), Map.of(
            ServiceClassPath.CORE_MARKER, new byte[] {(byte)0xCA, (byte)0xFE},
            "com/example/Other.class", new byte[] {(byte)0xCA, (byte)0xFE}));
    }

    private Topology parse(final String yaml)
    {
        return loader.parse("t.yaml", base.resolve("t.yaml"), base, yaml);
    }

    private String error(final String yaml)
    {
        final String message = assertThrows(TopologyException.class, () -> parse(yaml)).getMessage();
        assertEquals(-1, message.indexOf('\n'), "one line: " + message);
        return message;
    }

    private static String inventory(final String... fields)
    {
        return "services:\n  inventory:\n" + String.join("", List.of(fields).stream()
            .map(field -> "    " + field + "\n").toList());
    }

    @Test
    void shouldRunAnImplementationFromItsJarThroughServiceMain()
    {
        final Topology topology = parse(inventory("classPath: [lib/inventory-1.0.jar]", "api: " + API,
            "implementation: " + SERVICE, "version: 1.0.0", "config: {startingStock: 10, tags: [a, b]}"));

        final ServiceDefinition inventory = topology.service("inventory");
        assertEquals(ServiceDefinition.SERVICE_MAIN, inventory.mainClass());
        assertEquals(List.of(base.resolve("lib/inventory-1.0.jar")), inventory.classPath());
        assertEquals(Map.of("startingStock", 10, "tags", List.of("a", "b")), inventory.config());
        assertEquals(Map.of(
            Configuration.SERVICE_NAME_PROP_NAME, "inventory",
            Configuration.SERVICE_API_PROP_NAME, API,
            Configuration.SERVICE_IMPLEMENTATION_PROP_NAME, SERVICE,
            Configuration.SERVICE_VERSION_PROP_NAME, "1.0.0",
            Configuration.SERVICE_CONFIG_OVERLAY_PROP_NAME, base.resolve("t.overlay.json").toString()),
            inventory.properties());
    }

    @Test
    void shouldTakeAMainClassFromTheServiceClassPath()
    {
        final String message = error(inventory("classPath: [lib/inventory-1.0.jar]",
            "mainClass: " + SERVICE));

        assertEquals("t.yaml:4:16: main class '" + SERVICE + "' of service 'inventory' has no public static void " +
            "main(String[])", message);
    }

    @Test
    void shouldRejectAMissingJarAtItsEntry()
    {
        assertEquals("t.yaml:3:17: classPath entry 'lib/nope.jar' of service 'inventory' does not exist (" +
            base.resolve("lib/nope.jar") + "; relative entries are taken from the topology file's directory)",
            error(inventory("classPath: [lib/nope.jar]", "api: " + API, "implementation: " + SERVICE)));
    }

    @Test
    void shouldRefuseAJarBundlingItsOwnCore()
    {
        assertEquals("t.yaml:3:40: classPath entry 'lib/fat.jar' of service 'inventory' bundles its own " +
            "procmesh-core (io/procmesh/core/Procmesh.class inside): core comes from the launcher, build the jar " +
            "without it",
            error(inventory("classPath: [lib/inventory-1.0.jar, lib/fat.jar]", "api: " + API,
                "implementation: " + SERVICE)));
    }

    @Test
    void shouldRequireExactlyOneOfMainClassAndImplementation()
    {
        assertEquals("t.yaml:2:3: service 'inventory' has both mainClass and implementation: give one",
            error(inventory("classPath: [lib/inventory-1.0.jar]", "api: " + API, "implementation: " + SERVICE,
                "mainClass: io.procmesh.core.test.EchoServiceMain")));
        assertEquals("t.yaml:2:3: service 'inventory' has neither mainClass nor implementation: give one",
            error(inventory("classPath: [lib/inventory-1.0.jar]", "api: " + API)));
    }

    @Test
    void shouldRequireAnApiWithAnImplementation()
    {
        assertEquals("t.yaml:4:21: service 'inventory' has an implementation but no api: name the interface its " +
            "callers use", error(inventory("classPath: [lib/inventory-1.0.jar]", "implementation: " + SERVICE)));
    }

    @Test
    void shouldRejectAnApiThatIsMissingOrNotAnInterface()
    {
        assertEquals("t.yaml:4:10: api 'com.example.Nope' of service 'inventory' is not on its class path " +
            "(its classPath, then the launcher's)",
            error(inventory("classPath: [lib/inventory-1.0.jar]", "api: com.example.Nope",
                "implementation: " + SERVICE)));
        assertEquals("t.yaml:4:10: api '" + SERVICE + "' of service 'inventory' is a class, not an interface: name " +
            "the interface callers use",
            error(inventory("classPath: [lib/inventory-1.0.jar]", "api: " + SERVICE, "implementation: " + SERVICE)));
    }

    @Test
    void shouldRejectAnImplementationThatIsMissingOrDoesNotImplementTheApi()
    {
        assertEquals("t.yaml:5:21: implementation 'com.example.inventory.Nope' of service 'inventory' is not on " +
            "its class path (its classPath, then the launcher's)",
            error(inventory("classPath: [lib/inventory-1.0.jar]", "api: " + API,
                "implementation: com.example.inventory.Nope")));
        assertEquals("t.yaml:5:21: implementation 'com.example.inventory.Stranger' of service 'inventory' does " +
            "not implement its api '" + API + "'",
            error(inventory("classPath: [lib/inventory-1.0.jar]", "api: " + API,
                "implementation: com.example.inventory.Stranger")));
        assertEquals("t.yaml:5:21: implementation 'com.example.inventory.Fussy' of service 'inventory' has no " +
            "public constructor taking a ServiceContext or nothing",
            error(inventory("classPath: [lib/inventory-1.0.jar]", "api: " + API,
                "implementation: com.example.inventory.Fussy")));
    }

    @Test
    void shouldNotSeeTheJarsClassesWithoutItsClassPath()
    {
        assertTrue(error(inventory("api: " + API, "implementation: " + SERVICE))
            .endsWith("is not on its class path (the launcher's)"));
    }

    @Test
    void shouldReserveTheLaunchersServiceProperties()
    {
        assertTrue(error(inventory("classPath: [lib/inventory-1.0.jar]", "api: " + API, "implementation: " + SERVICE,
            "jvmOptions: [-Dprocmesh.serviceName=other]")).startsWith(
            "t.yaml:6:18: jvmOption '-Dprocmesh.serviceName=other' is reserved"));
    }
}
