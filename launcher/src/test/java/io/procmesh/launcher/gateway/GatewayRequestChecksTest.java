package io.procmesh.launcher.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procmesh.core.test.HttpResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, the gateway's request checks, as a hostile web page in the user's browser would try them against a
 * system the real launcher started: a DNS-rebinding page (its own name in Host), a cross-site form POST (a form
 * content type, the page's Origin), a cross-origin fetch. Each gets a JSON error; a plain client and a page the
 * gateway serves itself pass. Host is sent over a raw socket: the JDK client will not let a caller set it. Another
 * local user is kept out of the data directory, which {@code up} makes 0700.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GatewayRequestChecksTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static GatewaySystem system;
    private static int sequence;

    @BeforeAll
    static void startSystem()
    {
        system = GatewaySystem.start("request-checks", List.of(), (topology, port) -> { });
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
    void shouldRefuseAHostHeaderThatIsNotALoopbackName() throws Exception
    {
        final Raw rebound = raw("GET /api/users HTTP/1.1\r\nHost: rebind.evil.example:" + system.port() +
            "\r\nConnection: close\r\n\r\n");
        assertEquals(421, rebound.status(), rebound.text());
        assertEquals("MISDIRECTED_REQUEST", rebound.json().path("code").asText(), rebound.text());
        assertTrue(rebound.json().path("error").asText().contains("rebind.evil.example"), rebound.text());
        assertTrue(!rebound.body().contains("@"), "no user data in the refusal: " + rebound.body());

        for (final String host : List.of("localhost", "LOCALHOST", "127.0.0.1", "[::1]"))
        {
            final Raw loopback = raw("GET /health HTTP/1.1\r\nHost: " + host + ":" + system.port() +
                "\r\nConnection: close\r\n\r\n");
            assertEquals(200, loopback.status(), host + ": " + loopback.text());
        }
    }

    @Test
    void shouldRefuseACrossSiteFormPostEvenWithAnEmptyBody() throws Exception
    {
        final Raw form = raw("POST /rpc/user/list HTTP/1.1\r\nHost: 127.0.0.1:" + system.port() +
            "\r\nOrigin: http://evil.example\r\nContent-Type: application/x-www-form-urlencoded" +
            "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertEquals(415, form.status(), form.text());
        assertEquals("UNSUPPORTED_MEDIA_TYPE", form.json().path("code").asText(), form.text());

        final HttpResult noType = system.http().send(system.http().request("/rpc/user/list")
            .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(415, noType.status(), noType.body());
    }

    @Test
    void shouldRefuseAStateChangeFromAnotherOriginAndAcceptItsOwn()
    {
        final String body = "{\"name\":\"Origin\",\"email\":\"origin" + (++sequence) + "@example.com\"}";
        final HttpResult crossOrigin = post("/api/users", body, "http://evil.example");
        assertEquals(403, crossOrigin.status(), crossOrigin.body());
        assertEquals("FORBIDDEN", crossOrigin.json().path("code").asText(), crossOrigin.body());
        assertEquals(403, post("/api/users", body, "null").status(), "an opaque origin (sandboxed page, file)");
        final HttpResult delete = system.http().send(system.http().request("/api/users/u-1")
            .header("Origin", "http://evil.example").DELETE().build());
        assertEquals(403, delete.status(), delete.body());

        final HttpResult ownOrigin = post("/api/users", body, "http://127.0.0.1:" + system.port());
        assertEquals(201, ownOrigin.status(), ownOrigin.body());
        final HttpResult noOrigin = post("/api/users",
            "{\"name\":\"Plain\",\"email\":\"plain" + (++sequence) + "@example.com\"}", null);
        assertEquals(201, noOrigin.status(), "a client that is not a browser sends no Origin: " + noOrigin.body());
    }

    @Test
    void shouldSendTheSecureHeadersOnAnswersAndErrors()
    {
        for (final HttpResult result : List.of(system.http().get("/health"), system.http().get("/no/such/route")))
        {
            assertEquals("nosniff", result.header("x-content-type-options"), result.body());
            assertEquals("DENY", result.header("x-frame-options"));
            assertEquals("no-referrer", result.header("referrer-policy"));
            assertEquals("default-src 'none'; frame-ancestors 'none'", result.header("content-security-policy"));
        }
    }

    @Test
    void shouldKeepTheDataDirectoryToItsOwner() throws IOException
    {
        final Path dataDir = system.harness().dataDir();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)),
            "registry, queues, stores and logs under " + dataDir);
    }

    private static HttpResult post(final String path, final String json, final String origin)
    {
        final HttpRequest.Builder request = system.http().request(path).header("Content-Type", "application/json");
        if (origin != null)
        {
            request.header("Origin", origin);
        }
        return system.http().send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /**
     * One request written as is, the connection closed by the gateway after the answer.
     */
    private static Raw raw(final String request) throws IOException
    {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), system.port()))
        {
            socket.setSoTimeout(10_000);
            final OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final InputStream in = socket.getInputStream();
            final ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return new Raw(answer.toString(StandardCharsets.UTF_8));
        }
    }

    private record Raw(String text)
    {
        int status()
        {
            return Integer.parseInt(text.substring(text.indexOf(' ') + 1, text.indexOf(' ') + 4));
        }

        String body()
        {
            final int start = text.indexOf("\r\n\r\n");
            final String body = start < 0 ? "" : text.substring(start + 4);
            // A chunked answer: the JSON is the one chunk between its size line and the terminator.
            return text.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked") ?
                body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n")) : body;
        }

        JsonNode json() throws IOException
        {
            return JSON.readTree(body());
        }
    }
}
