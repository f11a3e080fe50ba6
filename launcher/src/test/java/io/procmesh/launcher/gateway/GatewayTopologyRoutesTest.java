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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.Matcher;

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
    void shouldKeepTheConnectionAfterAnErrorAnsweredBeforeTheRequestBodyArrived() throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", system.port()))
        {
            socket.setSoTimeout(10_000);
            final OutputStream out = socket.getOutputStream();
            final InputStream in = socket.getInputStream();
            // Headers and body in two writes, as java.net.http's client sends them: the 404 is known from the headers.
            out.write(("POST /rpc/echo/nothing HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
                "Content-Length: 2\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(200);
            out.write("{}".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final String notFound = readResponse(in);
            assertTrue(notFound.startsWith("HTTP/1.1 404"), notFound);
            out.write(("POST /rpc/echo/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
                "Content-Length: 3\r\n\r\n\"x\"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final String echoed = readResponse(in);
            assertTrue(echoed.startsWith("HTTP/1.1 200"), "the next request on the same connection: " + echoed);
        }
    }

    /**
     * @return one HTTP/1.1 response with a Content-Length body, read from a kept-alive connection; what came
     * before the end of the stream if the server closed it.
     */
    private static String readResponse(final InputStream in) throws IOException
    {
        final StringBuilder head = new StringBuilder();
        int b;
        while (!head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0)
        {
            head.append((char)b);
        }
        final Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        if (!length.find())
        {
            return head.toString();
        }
        final byte[] body = in.readNBytes(Integer.parseInt(length.group(1)));
        return head + new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void shouldAnswer400ToAQueryThatCannotBeDecoded() throws Exception
    {
        final String answer;
        try (Socket socket = new Socket("127.0.0.1", system.port()))
        {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /api/orders?userId=%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
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
