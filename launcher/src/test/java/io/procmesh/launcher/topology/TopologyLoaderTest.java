package io.procmesh.launcher.topology;

import io.procmesh.launcher.LauncherConfiguration;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.procmesh.launcher.topology.TopologyText.error;
import static io.procmesh.launcher.topology.TopologyText.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopologyLoaderTest
{
    private static final String USER_MAIN = "io.procmesh.services.user.UserServiceMain";
    private static final String ORDER_MAIN = "io.procmesh.services.order.OrderServiceMain";
    private final TopologyLoader loader = new TopologyLoader(TopologyLoaderTest.class.getClassLoader());

    @Test
    void shouldLoadTheDemoInDependencyOrder()
    {
        final Topology topology = loader.load(Path.of("../services/procmesh-demo.yaml"));

        assertEquals(List.of("user", "notification", "order", "gateway"), topology.serviceNames());
        assertEquals(List.of(List.of("user", "notification"), List.of("order"), List.of("gateway")),
            topology.layers());
        assertEquals(List.of(List.of("gateway"), List.of("order"), List.of("user", "notification")),
            topology.stopLayers());
        assertEquals(100, topology.healthCheckIntervalMs());
        assertEquals(5, topology.instanceCount(), "user runs its 2 partitions");
        assertEquals(2, topology.service("user").partitions());
        assertEquals("id,email", topology.service("order").properties().get("procmesh.affinityKey.user"));
        assertNull(topology.dataDir());
        final ServiceDefinition order = topology.service("order");
        assertEquals(List.of("user"), order.dependsOn());
        assertEquals("order-1", order.instanceId(1));
        assertEquals(List.of("-Xmx256m", "-XX:+UseSerialGC", "-Dprocmesh.idleStrategy=park"), order.jvmOptions());
        assertEquals(List.of(Path.of("../services/target/procmesh-services.jar").toAbsolutePath().normalize()),
            order.classPath());
        assertEquals("io.procmesh.services.order.OrderApi", order.api());
        assertEquals(8080, topology.gateway().port());
        assertEquals("8080", topology.service("gateway").properties().get(GatewayDefinition.PORT_PROP_NAME));
    }

    @Test
    void shouldFillDefaultsFromDefaultsBlockThenConfiguration()
    {
        final Topology topology = parse("""
            dataDir: data
            defaults:
              jvmOptions: [-Xmx64m]
              health: {heartbeatTimeoutMs: 700}
              restart: {maxRestarts: 2}
            services:
              user:
                mainClass: %s
                instances: 2
                jvmOptions: [-Dprocmesh.gateway.port=8080]
                health: {stuckAfterMs: 900}
                restart: {maxRestarts: 7, withinSeconds: 9}
            """.formatted(USER_MAIN));

        final ServiceDefinition user = topology.service("user");
        assertEquals(Path.of("/base/data"), topology.dataDir());
        assertEquals(2, user.instances());
        assertEquals(List.of("-Xmx64m", "-Dprocmesh.gateway.port=8080"), user.jvmOptions());
        assertEquals(new HealthPolicy(700, 900, LauncherConfiguration.startTimeoutMs()), user.health());
        assertEquals(7, user.restart().maxRestarts());
        assertEquals(9, user.restart().withinSeconds());
        assertEquals(LauncherConfiguration.initialBackoffMs(), user.restart().initialBackoffMs());
        assertEquals(LauncherConfiguration.shutdownGraceMs(), topology.shutdownGraceMs());
    }

    @Test
    void shouldAcceptASingleDependencyWithoutBrackets()
    {
        final Topology topology = parse("""
            services:
              order: {mainClass: %s, dependsOn: user}
              user: {mainClass: %s}
            """.formatted(ORDER_MAIN, USER_MAIN));

        assertEquals(List.of("user", "order"), topology.serviceNames());
    }

    @Test
    void shouldRejectUnknownDependencyAtItsLine()
    {
        final String message = error("""
            services:
              user:
                mainClass: %s
              order:
                mainClass: %s
                dependsOn: [user, usr]
            """.formatted(USER_MAIN, ORDER_MAIN));

        assertEquals("t.yaml:6:23: service 'order' depends on 'usr', which is not defined (services: user, order)",
            message);
    }

    @Test
    void shouldRejectCycleNamingIt()
    {
        final String message = error("""
            services:
              a:
                mainClass: %1$s
                dependsOn: [c]
              b:
                mainClass: %1$s
                dependsOn: [a]
              c:
                mainClass: %1$s
                dependsOn:
                  - b
            """.formatted(USER_MAIN));

        assertEquals("t.yaml:7:17: dependency cycle: a -> c -> b -> a", message);
    }

    @Test
    void shouldRejectSelfDependency()
    {
        assertEquals("t.yaml:2:73: dependency cycle: a -> a", error("""
            services:
              a: {mainClass: %s, dependsOn: [a]}
            """.formatted(USER_MAIN)));
    }

    @Test
    void shouldRejectMissingMainClassAtItsLine()
    {
        final String message = error("""
            services:
              user:
                mainClass: io.procmesh.services.user.NoSuchMain
            """);

        assertEquals("t.yaml:3:16: main class 'io.procmesh.services.user.NoSuchMain' of service 'user' " +
            "is not on its class path (the launcher's)", message);
    }

    @Test
    void shouldRejectClassWithoutMain()
    {
        assertTrue(error("""
            services:
              user:
                mainClass: io.procmesh.services.user.UserApi
            """).startsWith("t.yaml:3:16: main class 'io.procmesh.services.user.UserApi' of service 'user' has " +
            "no public static void main"));
    }

    @Test
    void shouldRejectServiceWithoutMainClassAtItsName()
    {
        assertEquals("t.yaml:3:3: service 'order' has neither mainClass nor implementation: give one", error("""
            services:
              user: {mainClass: %s}
              order:
                instances: 1
            """.formatted(USER_MAIN)));
    }

    @Test
    void shouldRejectUnknownFieldNamingKnownOnes()
    {
        final String message = error("""
            services:
              user:
                mainClass: %s
                health:
                  heartbeatTimeoutMs: 100
                  heartbeatTimeout: 100
            """.formatted(USER_MAIN));

        assertTrue(message.startsWith("t.yaml:6:7: unknown field 'heartbeatTimeout' in services.user.health " +
            "(known fields: "), message);
        assertTrue(message.contains("heartbeatTimeoutMs"), message);
    }

    @Test
    void shouldPointAtTheKeyOfAnUnknownBlock()
    {
        final String message = error("""
            services:
              user:
                mainClass: %s
                helth:
                  heartbeatTimeoutMs: 100
                  stuckAfterMs: 100
            """.formatted(USER_MAIN));

        assertTrue(message.startsWith("t.yaml:4:5: unknown field 'helth' in services.user (known fields: "),
            message);
    }

    @Test
    void shouldRejectUnknownTopLevelField()
    {
        final String message = error("""
            servces:
              user: {mainClass: %s}
            """.formatted(USER_MAIN));

        assertTrue(message.startsWith("t.yaml:1:1: unknown field 'servces' (known fields: "), message);
    }

    @Test
    void shouldRejectInvalidYamlAtItsLine()
    {
        final String message = error("""
            services:
              user:
                mainClass: %s
               instances: 1
            """.formatted(USER_MAIN));

        assertTrue(message.matches("t\\.yaml:4:\\d+: invalid YAML: .+"), message);
    }

    @Test
    void shouldRejectWrongValueType()
    {
        assertEquals("t.yaml:3:16: services.user.instances: expected a whole number, found 'two'", error("""
            services:
              user:
                instances: two
                mainClass: %s
            """.formatted(USER_MAIN)));
    }

    @Test
    void shouldRejectOutOfRangeNumbersAtTheirLine()
    {
        assertEquals("t.yaml:4:28: services.user.restart.maxRestarts must be at least 0, was -1", error("""
            services:
              user:
                mainClass: %s
                restart: {maxRestarts: -1}
            """.formatted(USER_MAIN)));
        assertEquals("t.yaml:1:24: healthCheckIntervalMs must be at least 1, was 0", error("""
            healthCheckIntervalMs: 0
            services:
              user: {mainClass: %s}
            """.formatted(USER_MAIN)));
    }

    @Test
    void shouldPassMetadataToEachChildAsTheRegistryStoresIt()
    {
        final Topology topology = parse("""
            services:
              user:
                mainClass: %s
                metadata: {zone: eu-1, role: primary, weight: 3, canary: false}
              order: {mainClass: %s}
            """.formatted(USER_MAIN, ORDER_MAIN));

        assertEquals("{\"canary\":\"false\",\"role\":\"primary\",\"weight\":\"3\",\"zone\":\"eu-1\"}",
            topology.service("user").properties().get("procmesh.metadata"));
        assertNull(topology.service("order").properties().get("procmesh.metadata"));
    }

    @Test
    void shouldRejectNestedMetadataBadKeysAndMissingValuesAtTheirLine()
    {
        assertEquals("t.yaml:5:13: services.user.metadata.zone must be a scalar (text, number or boolean), not a " +
            "mapping", error("""
            services:
              user:
                mainClass: %s
                metadata:
                  zone: {name: eu-1}
            """.formatted(USER_MAIN)));
        assertEquals("t.yaml:4:23: services.user.metadata.zones must be a scalar (text, number or boolean), not a " +
            "list", error("""
            services:
              user:
                mainClass: %s
                metadata: {zones: [eu-1, eu-2]}
            """.formatted(USER_MAIN)));
        assertTrue(error("""
            services:
              user:
                mainClass: %s
                metadata: {"1zone": eu-1}
            """.formatted(USER_MAIN)).startsWith("t.yaml:4:25: services.user.metadata: metadata key '1zone' is not " +
            "a name"));
        assertEquals("t.yaml:2:3: services.user.metadata.zone has no value", error("""
            services:
              user:
                mainClass: %s
                metadata:
                  zone: ~
            """.formatted(USER_MAIN)));
        assertTrue(error("""
            services:
              user:
                mainClass: %s
                metadata: [zone]
            """.formatted(USER_MAIN)).startsWith("t.yaml:4:15: "));
    }

    @Test
    void shouldBoundScalingByMaxInstances()
    {
        final Topology topology = parse("""
            services:
              user:
                mainClass: %1$s
                instances: 2
              order:
                mainClass: %2$s
                instances: 3
                maxInstances: 12
            """.formatted(USER_MAIN, ORDER_MAIN));

        assertEquals(LauncherConfiguration.MAX_INSTANCES_DEFAULT, topology.service("user").maxInstances());
        assertEquals(12, topology.service("order").maxInstances());
        assertEquals("t.yaml:4:16: services.user.instances (3) is above services.user.maxInstances (2)", error("""
            services:
              user:
                mainClass: %s
                instances: 3
                maxInstances: 2
            """.formatted(USER_MAIN)));
        assertEquals("t.yaml:4:19: services.user.maxInstances must be between 1 and 64, was 0", error("""
            services:
              user:
                mainClass: %s
                maxInstances: 0
            """.formatted(USER_MAIN)));
    }

    @Test
    void shouldRejectReservedJvmOptions()
    {
        assertTrue(error("""
            services:
              user:
                mainClass: %s
                jvmOptions: [-Xmx64m, -Dprocmesh.instanceId=x]
            """.formatted(USER_MAIN)).startsWith("t.yaml:4:27: jvmOption '-Dprocmesh.instanceId=x' is reserved"));
    }

    @Test
    void shouldRejectDuplicateService()
    {
        assertTrue(error("""
            services:
              user: {mainClass: %1$s}
              user: {mainClass: %1$s}
            """.formatted(USER_MAIN)).startsWith("t.yaml:3:"));
    }

    @Test
    void shouldRejectEmptyTopologyAndBadServiceName()
    {
        assertEquals("t.yaml:1:1: no services defined: a topology needs a 'services' mapping with at least one " +
            "service", error("# nothing\n"));
        assertTrue(error("""
            services:
              "bad name": {mainClass: %s}
            """.formatted(USER_MAIN)).startsWith("t.yaml:2:3: service name 'bad name' is invalid"));
    }

    @Test
    void shouldReportMissingFile()
    {
        final TopologyException error = assertThrows(TopologyException.class,
            () -> loader.load(Path.of("target/no-such-topology.yaml")));

        assertEquals("target/no-such-topology.yaml: no such file", error.getMessage());
    }
}
