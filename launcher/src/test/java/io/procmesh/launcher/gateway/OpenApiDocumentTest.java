package io.procmesh.launcher.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procmesh.core.rpc.JsonPayloads;
import io.procmesh.launcher.gateway.openapi.OpenApiDocument;
import io.procmesh.launcher.topology.GatewayDefinition;
import io.procmesh.launcher.topology.RouteDefinition;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's OpenAPI document, read back by swagger-parser (what client generators use): valid 3.1, with a
 * path per route, records as JSON Schema, path and query parameters, request bodies, success statuses and the
 * error body.
 */
class OpenApiDocumentTest
{
    private static final GatewayDefinition GATEWAY = new GatewayDefinition(8080, List.of(
        route("GET", "/api/inventory/{sku}", "stock", 200),
        route("POST", "/api/inventory/{sku}/reserve", "reserve", 201),
        route("PUT", "/api/inventory", "restock", 200),
        route("GET", "/api/levels", "levels", 200),
        route("GET", "/api/items", "count", 200),
        route("GET", "/api/items?sku={sku}", "find", 200),
        route("POST", "/api/moves", "move", 204)),
        Set.of("inventory.stock", "inventory.move"), Set.of());

    @Test
    void shouldGenerateAValidOpenApi31DocumentFromRoutesAndSignatures() throws Exception
    {
        final byte[] json = document();
        final ParseOptions options = new ParseOptions();
        options.setValidateInternalRefs(true);
        final SwaggerParseResult result = new OpenAPIV3Parser().readContents(new String(json, StandardCharsets.UTF_8),
            null, options);
        assertTrue(result.getMessages() == null || result.getMessages().isEmpty(), "parser messages: " +
            result.getMessages());
        final OpenAPI api = result.getOpenAPI();
        assertNotNull(api);
        assertEquals("3.1.0", api.getOpenapi());

        final Operation stock = api.getPaths().get("/api/inventory/{sku}").getGet();
        assertEquals("inventory_stock", stock.getOperationId());
        assertEquals("path", stock.getParameters().get(0).getIn());
        assertEquals("sku", stock.getParameters().get(0).getName());
        assertNotNull(stock.getResponses().get("200"));
        assertNotNull(stock.getResponses().get("404"), "a null result is a 404");

        final Operation reserve = api.getPaths().get("/api/inventory/{sku}/reserve").getPost();
        assertNotNull(reserve.getResponses().get("201"), "the route's status is the success status");
        assertNotNull(reserve.getRequestBody());
        assertNotNull(reserve.getResponses().get("415"));
        assertNull(stock.getResponses().get("415"), "no body, no 415");

        final Operation items = api.getPaths().get("/api/items").getGet();
        assertEquals("sku", items.getParameters().get(0).getName());
        assertEquals("query", items.getParameters().get(0).getIn());
        assertFalse(items.getParameters().get(0).getRequired(), "optional: without it, another operation answers");

        final Operation levels = api.getPaths().get("/api/levels").getGet();
        assertEquals(List.of("kind", "all"), levels.getParameters().stream().map(p -> p.getName()).toList());

        assertNotNull(api.getPaths().get("/rpc/inventory/stock").getPost(), "exposed operations are documented");
        assertNotNull(api.getPaths().get("/rpc/inventory/move").getPost());
        assertNull(api.getPaths().get("/rpc/inventory/reserve"), "what is not exposed is not listed");
    }

    @Test
    void shouldDescribeRecordsAndTheErrorBodyAsJsonSchema() throws Exception
    {
        final JsonNode tree = new ObjectMapper().readTree(document());
        final JsonNode schemas = tree.get("components").get("schemas");
        final JsonNode reservation = schemas.get("Reservation");
        assertNotNull(reservation, schemas.toString());
        assertEquals(Set.of("sku", "qty", "atMs"), fieldNames(reservation.get("properties")));
        assertEquals("integer", reservation.get("properties").get("qty").get("type").asText(), reservation.toString());
        assertEquals(Set.of("error", "code", "field", "service", "operation"),
            fieldNames(schemas.get("Error").get("properties")));
        final JsonNode badRequest = tree.get("components").get("responses").get("400");
        assertEquals("#/components/schemas/Error",
            badRequest.get("content").get("application/json").get("schema").get("$ref").asText());

        final JsonNode move = tree.get("paths").get("/rpc/inventory/move").get("post").get("requestBody")
            .get("content").get("application/json").get("schema");
        assertEquals(Set.of("from", "to", "qty"), fieldNames(move.get("properties")), move.toString());
        final JsonNode restock = tree.get("paths").get("/api/inventory").get("put").get("requestBody")
            .get("content").get("application/json").get("schema");
        assertEquals("array", restock.get("type").asText(), restock.toString());
    }

    private static byte[] document()
    {
        final RoutePlan plan = RoutePlan.of(GATEWAY, Map.of("inventory", InventoryApi.class), new JsonRequestDecoder(),
            new JsonPayloads());
        return OpenApiDocument.json("test", "1", OpenApiEndpoint.operations(plan));
    }

    private static Set<String> fieldNames(final JsonNode node)
    {
        final java.util.Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static RouteDefinition route(final String method, final String path, final String operation,
        final int status)
    {
        return new RouteDefinition(method, path, "inventory", operation, status, null);
    }
}
