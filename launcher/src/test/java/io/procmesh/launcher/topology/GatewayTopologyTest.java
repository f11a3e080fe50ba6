package io.procmesh.launcher.topology;

import io.procmesh.core.config.Configuration;
import io.procmesh.core.test.TestDirectories;
import io.procmesh.launcher.testing.TestJars;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The {@code gateway:} section: the gateway as a service after every other one, and each way a route or an
 * {@code expose} entry can be wrong, at its line.
 */
class GatewayTopologyTest
{
    private static final String API = "com.example.inventory.InventoryApi";
    private static Path base;
    private final TopologyLoader loader = new TopologyLoader(GatewayTopologyTest.class.getClassLoader());

    @BeforeAll
    static void buildJar()
    {
        base = TestDirectories.create("gateway-topology");
        TestJars.compile(base, "inventory.jar", Map.of(
            API, """
                package com.example.inventory;
                public interface InventoryApi
                {
                    int stock(String sku);
                    int reserve(String sku, int qty);
                    void ping();
                    void ping(int times);
                }
                """,
            "com.example.inventory.InventoryService", """
                package com.example.inventory;
                public class InventoryService implements InventoryApi
                {
                    public int stock(String sku) { return 10; }
                    public int reserve(String sku, int qty) { return 10 - qty; }
                    public void ping() { }
                    public void ping(int times) { }
                }
                """));
    }

    private static String topology(final String gateway)
    {
        return """
            services:
              inventory:
                classPath: [inventory.jar]
                api: com.example.inventory.InventoryApi
                implementation: com.example.inventory.InventoryService
              echo:
                mainClass: io.procmesh.core.test.EchoServiceMain
            gateway:
            """ + gateway.indent(2);
    }

    private Topology parse(final String yaml)
    {
        return loader.parse("t.yaml", base.resolve("t.yaml"), base, yaml);
    }

    private String error(final String gateway)
    {
        final String message = assertThrows(TopologyException.class, () -> parse(topology(gateway))).getMessage();
        assertEquals(-1, message.indexOf('\n'), "one line: " + message);
        return message;
    }

    @Test
    void shouldRunTheGatewayAfterWhatItCallsOnEveryClassPath()
    {
        final Topology topology = parse(topology("""
            port: 8181
            jvmOptions: [-Xmx96m]
            routes:
              - {method: GET,  path: /api/inventory/{sku},         call: inventory.stock}
              - {method: POST, path: /api/inventory/{sku}/reserve, call: inventory.reserve, status: 201}
            expose: [inventory.stock]
            """));

        assertEquals(List.of("inventory", "echo", "gateway"), topology.serviceNames());
        assertEquals(List.of(List.of("inventory", "echo"), List.of("gateway")), topology.layers());
        // It waits for what it calls, not for every service: echo may be FAILED and the routes still served.
        final GatewayDefinition gateway = topology.gateway();
        assertEquals(8181, gateway.port());
        assertEquals(Set.of("inventory.stock"), gateway.expose());
        final RouteDefinition reserve = gateway.routes().get(1);
        assertEquals(List.of("POST", "/api/inventory/{sku}/reserve", "inventory", "reserve", 201),
            List.of(reserve.method(), reserve.path(), reserve.service(), reserve.operation(), reserve.status()));
        assertEquals(200, gateway.routes().get(0).status());
        assertEquals("t.yaml:12:16", gateway.routes().get(0).mark().toString());

        final ServiceDefinition service = topology.service(GatewayDefinition.SERVICE_NAME);
        assertEquals(GatewayDefinition.MAIN_CLASS, service.mainClass());
        assertEquals(List.of("inventory"), service.dependsOn());
        assertEquals(List.of(base.resolve("inventory.jar")), service.classPath());
        assertEquals(List.of("-Xmx96m"), service.jvmOptions());
        assertEquals(Map.of(
            Configuration.SERVICE_NAME_PROP_NAME, "gateway",
            GatewayDefinition.PORT_PROP_NAME, "8181",
            GatewayDefinition.TOPOLOGY_PROP_NAME, base.resolve("t.yaml").toString()), service.properties());
    }

    @Test
    void shouldStartAServiceThatDependsOnTheGatewayAfterIt()
    {
        final Topology topology = parse(topology("routes: [{method: GET, path: /a, call: inventory.stock}]").replace("""
              echo:
                mainClass: io.procmesh.core.test.EchoServiceMain
            """, """
              echo:
                mainClass: io.procmesh.core.test.EchoServiceMain
              probe:
                mainClass: io.procmesh.core.test.EchoServiceMain
                dependsOn: [gateway]
            """));

        assertEquals(List.of(List.of("inventory", "echo"), List.of("gateway"), List.of("probe")), topology.layers());
        assertEquals(List.of("inventory"), topology.service("gateway").dependsOn());
    }

    @Test
    void shouldDefaultThePortAndHaveNoGatewayWithoutTheSection()
    {
        assertEquals(8080, parse(topology("routes: []")).gateway().port());
        final Topology none = parse(topology("").replace("gateway:\n", ""));
        assertNull(none.gateway());
        assertNull(none.service(GatewayDefinition.SERVICE_NAME));
    }

    @Test
    void shouldRejectRoutesToUnknownServicesAndOperations()
    {
        assertEquals("t.yaml:9:50: route call 'stock.inventory' names service 'stock', which is not defined " +
            "(services: inventory, echo)",
            error("routes: [{method: GET, path: /api/stock, call: stock.inventory}]"));
        assertEquals("t.yaml:9:50: route call 'inventory.stocks': the api of service 'inventory' has no " +
            "operation 'stocks' (operations: ping, reserve, stock)",
            error("routes: [{method: GET, path: /api/stock, call: inventory.stocks}]"));
        assertEquals("t.yaml:9:50: route call 'echo.echo': service 'echo' has no api, so the gateway cannot " +
            "call it", error("routes: [{method: GET, path: /api/stock, call: echo.echo}]"));
        assertEquals("t.yaml:9:50: route call 'inventory.ping': operation 'ping' is overloaded on the api of " +
            "service 'inventory'; a call names one method",
            error("routes: [{method: GET, path: /api/stock, call: inventory.ping}]"));
        assertEquals("t.yaml:9:50: route call 'inventory' must be service.operation",
            error("routes: [{method: GET, path: /api/stock, call: inventory}]"));
    }

    @Test
    void shouldRejectBadMethodPathAndStatus()
    {
        assertEquals("t.yaml:9:21: route method 'FETCH' is not one of DELETE, GET, PATCH, POST, PUT (upper case)",
            error("routes: [{method: FETCH, path: /api/stock, call: inventory.stock}]"));
        assertEquals("t.yaml:9:32: route path 'api/stock' must start with '/'",
            error("routes: [{method: GET, path: api/stock, call: inventory.stock}]"));
        assertEquals("t.yaml:9:32: route path '/api/{sku' has segment '{sku': expected letters, digits, '.', '_', " +
            "'~', '-', or a whole segment {name}",
            error("routes: [{method: GET, path: '/api/{sku', call: inventory.stock}]"));
        assertEquals("t.yaml:9:32: route path '/api/{sku}/{sku}' names parameter 'sku' twice",
            error("routes: [{method: GET, path: '/api/{sku}/{sku}', call: inventory.stock}]"));
        assertEquals("t.yaml:9:32: route path '/rpc/inventory/stock' is under /rpc, which the gateway keeps for " +
            "the operations in 'expose'",
            error("routes: [{method: GET, path: /rpc/inventory/stock, call: inventory.stock}]"));
        assertEquals("t.yaml:9:75: route status must be a success status (200 to 299), was 404",
            error("routes: [{method: GET, path: /api/stock, call: inventory.stock, status: 404}]"));
        assertEquals("t.yaml:9:21: route has no call (a route is {method, path, call, status})",
            error("routes: [{method: GET, path: /api/stock}]"));
    }

    @Test
    void shouldRejectTwoRoutesOnOneMethodAndPath()
    {
        assertEquals("t.yaml:11:16: route GET /api/stock/{id} clashes with the route at t.yaml:10:16 " +
            "(GET /api/stock/{sku}): one method and path, one route", error("""
            routes:
              - {method: GET, path: '/api/stock/{sku}', call: inventory.stock}
              - {method: GET, path: '/api/stock/{id}', call: inventory.reserve}
            """));
        parse(topology("""
            routes:
              - {method: GET, path: '/api/stock/{sku}', call: inventory.stock}
              - {method: POST, path: '/api/stock/{sku}', call: inventory.reserve}
            """));
    }

    @Test
    void shouldRejectUnknownExposeEntriesAndABadPort()
    {
        assertEquals("t.yaml:9:29: gateway.expose entry 'inventory.restock': the api of service 'inventory' has " +
            "no operation 'restock' (operations: ping, reserve, stock)",
            error("expose: [inventory.stock, inventory.restock]"));
        assertEquals("t.yaml:9:9: gateway.port must be between 0 (any free port) and 65535, was 70000",
            error("port: 70000"));
        assertEquals("t.yaml:9:9: gateway.port must be between 0 (any free port) and 65535, was -1",
            error("port: -1"));
        assertEquals(0, parse(topology("port: 0")).gateway().port());
    }

    @Test
    void shouldServeTheListedTopicsAsEventsAndRejectBadOrRepeatedNames()
    {
        assertEquals(Set.of("orders", "stock.moves"), parse(topology("events: [orders, stock.moves]")).gateway().events());
        assertEquals(Set.of(), parse(topology("routes: []")).gateway().events());
        assertEquals("t.yaml:9:20: gateway.events entry: topic name '../state' is invalid: use 1 to 64 characters " +
            "from [A-Za-z0-9._-], starting with a letter or digit", error("events: [orders, '../state']"));
        assertEquals("t.yaml:9:20: gateway.events lists topic 'orders' twice", error("events: [orders, orders]"));
    }

    @Test
    void shouldReserveTheNameGatewayWhenThereIsASection()
    {
        final String yaml = topology("routes: []").replace("  echo:", "  gateway:");
        final String message = assertThrows(TopologyException.class, () -> parse(yaml)).getMessage();
        assertEquals("t.yaml:6:3: service 'gateway' is reserved when the topology has a gateway: section (the " +
            "launcher runs the gateway under that name)", message);
    }
}
