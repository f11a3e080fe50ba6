package io.procmesh.launcher.gateway;

import io.procmesh.core.test.HttpResult;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.procmesh.launcher.gateway.GatewayApiTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routes that exist only in the topology, to a service the gateway's code has never heard of (core's test echo
 * service), over real HTTP through real JVMs started by the launcher: arguments bound from the path and the body
 * by name, strict types on every path including {@code /rpc}, {@code /rpc} limited to the {@code expose} list, and
 * {@code /openapi.json} valid for swagger-parser with the live routes in it.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class GatewayTopologyRoutesTest
{
    private static GatewaySystem system;

    @BeforeAll
    static void startSystem()
    {
        system = GatewaySystem.start("gateway-topology-routes", List.of(), (topology, port) -> { });
    }

    @AfterAll
    static void stopSystem()
    {
        if (system != null)
        {
            system.close();
        }
    }

    @Test
    void shouldBindThePathAndABodyObjectByNameOnARouteOnlyTheTopologyDeclares()
    {
        final HttpResult repeated = system.http().post("/api/echo/ab/repeat", "{\"times\": 3}");
        assertEquals(200, repeated.status(), repeated.body());
        assertEquals("ababab", repeated.json().asText());

        final HttpResult whole = system.http().post("/api/echo/ab/repeat", "2");
        assertEquals(200, whole.status(), whole.body());
        assertEquals("abab", whole.json().asText());

        final HttpResult echoed = system.http().get("/api/echo/hello");
        assertEquals(200, echoed.status(), echoed.body());
        assertEquals("hello", echoed.json().asText());
    }

    @Test
    void shouldCheckTypesStrictlyOnRoutesAndOnRpc()
    {
        assertError(system.http().post("/api/echo/ab/repeat", "{\"times\": 2.9}"), 400, "times");
        assertError(system.http().post("/api/echo/ab/repeat", "{\"times\": \"3\"}"), 400, "times");
        assertError(system.http().post("/api/echo/ab/repeat", "{\"times\": 1, \"times\": 2}"), 400, "times");
        assertError(system.http().post("/rpc/echo/add", "{\"a\": 2.9, \"b\": 1}"), 400, "a");
        assertError(system.http().post("/rpc/echo/echo", "{\"text\": \"x\", \"text\": \"y\"}"), 400, "text");
        assertError(system.http().post("/rpc/echo/slow", "2.9"), 400, "millis");
        final HttpResult sum = system.http().post("/rpc/echo/add", "{\"a\": 2, \"b\": 3}");
        assertEquals(5, sum.json().get("value").asInt(), sum.body());
    }

    @Test
    void shouldAnswer400ToAQueryThatCannotBeDecoded() throws Exception
    {
        final String answer;
        try (Socket socket = new Socket("127.0.0.1", system.port()))
        {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /api/orders?userId=%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("\"field\":\"query\""), answer);
        assertEquals(0, PrometheusText.parse(system.http().get("/metrics").body())
            .valueOr("procmesh_gateway_internal_errors_total", 0), 0.0, "not a gateway error");
    }

    @Test
    void shouldReachOnlyExposedOperationsThroughRpc()
    {
        final HttpResult hidden = system.http().post("/rpc/echo/repeat", "[\"a\", 2]");
        assertError(hidden, 404, null);
        assertFalse(hidden.body().contains("echo.echo") || hidden.body().contains("expose:"),
            "a 404 that lists nothing: " + hidden.body());
        assertError(system.http().post("/rpc/echo/nothing", "{}"), 404, null);
        assertEquals(200, system.http().post("/rpc/echo/echo", "\"x\"").status());
    }

    @Test
    void shouldServeAValidOpenApiDocumentOfTheLiveRoutes()
    {
        final HttpResult document = system.http().get("/openapi.json");
        assertEquals(200, document.status(), document.body());
        final ParseOptions options = new ParseOptions();
        options.setValidateInternalRefs(true);
        final SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document.body(), null, options);
        assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), String.valueOf(parsed.getMessages()));
        final OpenAPI api = parsed.getOpenAPI();
        assertEquals("3.1.0", api.getOpenapi());
        assertNotNull(api.getPaths().get("/api/users/{id}").getGet());
        assertNotNull(api.getPaths().get("/api/users").getPost().getResponses().get("201"));
        assertNotNull(api.getPaths().get("/api/echo/{text}/repeat").getPost().getRequestBody());
        assertNotNull(api.getPaths().get("/rpc/echo/echo").getPost());
        assertNull(api.getPaths().get("/rpc/echo/repeat"), "not exposed, not documented");
        assertNotNull(api.getComponents().getSchemas().get("CreateUserRequest"));
    }
}
