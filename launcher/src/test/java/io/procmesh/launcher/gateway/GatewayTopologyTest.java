package io.procmesh.launcher.gateway;

import io.procmesh.core.test.TestDirectories;
import io.procmesh.launcher.testing.TopologyYaml;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway reads its routes from the topology file and loads each called service's api by name; a route it
 * cannot serve stops it at start with one line naming the route, exit code 2, before it joins the mesh.
 */
class GatewayTopologyTest
{
    private static final String INVENTORY = "api: " + InventoryApi.class.getName();

    @Test
    void shouldBuildEveryRouteFromTheTopologyAndRequireTheServicesItCalls() throws IOException
    {
        final GatewayContext context = GatewayTopology.configure(new GatewayContext().port(0), write(List.of(
            "{method: GET, path: '/api/inventory/{sku}', call: inventory.stock}",
            "{method: POST, path: '/api/inventory/{sku}/reserve', call: inventory.reserve, status: 201}"),
            List.of("inventory.count"), INVENTORY));
        context.conclude();
        assertEquals(2, context.routePlan().routes().size());
        assertEquals(201, context.routePlan().routes().get(1).status());
        assertEquals("count", context.routePlan().exposed().get(0).operation());
        assertEquals(List.of("inventory"), context.requiredServices());
    }

    @Test
    void shouldExitWithOneLineForARouteToAMissingOperation() throws Exception
    {
        final String line = exitLine(write(List.of("{method: GET, path: '/api/x/{sku}', call: inventory.nothing}"),
            List.of(), INVENTORY));
        // The topology loader refuses it before the gateway's own check would, naming the file, line and column.
        assertTrue(line.contains("topology.yaml:") && line.contains("route call 'inventory.nothing'") &&
            line.contains("no operation 'nothing'"),
            line);
    }

    @Test
    void shouldExitWithOneLineForAPathParameterNamingNoArgument() throws Exception
    {
        final String line = exitLine(write(List.of("{method: GET, path: '/api/x/{id}', call: inventory.stock}"),
            List.of(), INVENTORY));
        assertTrue(line.contains("no argument named 'id'"), line);
    }

    @Test
    void shouldExitWithOneLineForACalledServiceWithoutApi() throws Exception
    {
        final String line = exitLine(write(List.of(), List.of("inventory.stock"), "instances: 1"));
        assertTrue(line.contains("topology.yaml:") && line.contains("gateway.expose entry 'inventory.stock'") &&
            line.contains("service 'inventory' has no api"), line);
    }

    private static String exitLine(final Path topology) throws InterruptedException
    {
        final PrintStream stderr = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            assertEquals(GatewayMain.EXIT_BAD_SETTING, GatewayMain.run(new GatewayContext().port(0),
                topology.toString()));
        }
        finally
        {
            System.setErr(stderr);
        }
        final String text = captured.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("gateway: "), text);
        return text;
    }

    private static Path write(final List<String> routes, final List<String> expose, final String serviceField)
        throws IOException
    {
        final Path file = TestDirectories.create("gateway-topology").resolve("topology.yaml");
        Files.writeString(file, TopologyYaml.withGrace(1_000)
            .service("inventory", TopologyYaml.USER, serviceField)
            .gateway(0, routes, expose, List.of())
            .yaml());
        return file;
    }
}
