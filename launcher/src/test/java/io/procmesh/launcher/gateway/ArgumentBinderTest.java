package io.procmesh.launcher.gateway;

import io.procmesh.core.rpc.JsonPayloads;
import io.procmesh.core.test.TestDirectories;
import net.openhft.chronicle.bytes.Bytes;
import org.eclipse.jetty.util.Fields;
import org.junit.jupiter.api.Test;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a request binds to an api method's arguments: path and query by name (or position without -parameters),
 * a body object by name, any other body whole, and every value as strictly as /api reads bodies.
 */
class ArgumentBinderTest
{
    private static final String[] NO_PATH = new String[0];
    private final JsonRequestDecoder decoder = new JsonRequestDecoder();
    private final JsonPayloads json = new JsonPayloads();

    @Test
    void shouldBindThePathByNameAndABodyObjectByName()
    {
        final ArgumentBinder reserve = binder("reserve", "/api/inventory/{sku}/reserve");
        assertEquals("[\"A-1\",3]", bind(reserve, new String[]{"A-1"}, null, "{\"qty\": 3}"));
        assertTrue(reserve.takesBody());
    }

    @Test
    void shouldBindTheBodyWholeToTheOneRemainingArgument()
    {
        assertEquals("[\"A-1\",3]", bind(binder("reserve", "/api/inventory/{sku}/reserve"), new String[]{"A-1"}, null, "3"));
        assertEquals("[{\"sku\":\"a\",\"qty\":1}]",
            bind(binder("restock", "/api/inventory"), NO_PATH, null, "[{\"sku\":\"a\",\"qty\":1}]"));
        assertEquals("\"A-1\"", bind(binder("find", "/rpc/inventory/find"), NO_PATH, null, "\"A-1\""));
        assertEquals("\"A-1\"", bind(binder("find", "/rpc/inventory/find"), NO_PATH, null, "{\"sku\":\"A-1\"}"),
            "an object whose keys name the arguments binds by name, also for one argument");
    }

    @Test
    void shouldBindSeveralBodyArgumentsByNameOrByPosition()
    {
        final ArgumentBinder move = binder("move", "/rpc/inventory/move");
        assertEquals("[\"a\",\"b\",2]", bind(move, NO_PATH, null, "{\"to\":\"b\",\"qty\":2,\"from\":\"a\"}"));
        assertEquals("[\"a\",\"b\",2]", bind(move, NO_PATH, null, "[\"a\",\"b\",2]"));
        assertEquals("qty", field(() -> bind(move, NO_PATH, null, "{\"from\":\"a\",\"to\":\"b\"}")));
        assertEquals("colour", field(() -> bind(move, NO_PATH, null, "{\"from\":\"a\",\"colour\":\"b\",\"qty\":1}")));
        assertEquals("body", field(() -> bind(move, NO_PATH, null, "\"a\"")));
    }

    @Test
    void shouldBindQueryParametersByName()
    {
        final ArgumentBinder stock = binder("stock", "/api/stock?sku={sku}");
        assertFalse(stock.takesBody());
        assertEquals("\"A-1\"", bind(stock, NO_PATH, query("sku", "A-1"), ""));
        assertEquals("sku", field(() -> bind(stock, NO_PATH, query("sku", " "), "")));

        final ArgumentBinder levels = binder("levels", "/api/levels");
        assertEquals("[\"BOX\",true]", bind(levels, NO_PATH, query("kind", "BOX", "all", "true"), ""),
            "an argument left for the body may come from a query parameter of its name");
        assertEquals("kind", field(() -> bind(levels, NO_PATH, query("kind", "CRATE", "all", "true"), "")));
        assertEquals("all", field(() -> bind(levels, NO_PATH, query("kind", "BOX", "all", "yes"), "")));
    }

    @Test
    void shouldCheckTypesStrictlyEverywhere()
    {
        final ArgumentBinder reserve = binder("reserve", "/api/inventory/{sku}/reserve");
        assertEquals("qty", field(() -> bind(reserve, new String[]{"A"}, null, "{\"qty\": 2.9}")));
        assertEquals("qty", field(() -> bind(reserve, new String[]{"A"}, null, "2.9")));
        assertEquals("qty", field(() -> bind(reserve, new String[]{"A"}, null, "{\"qty\": \"3\"}")));
        assertEquals("qty", field(() -> bind(reserve, new String[]{"A"}, null, "{\"qty\": 3000000000}")));
        assertEquals("qty", field(() -> bind(reserve, new String[]{"A"}, null, "{\"qty\": null}")));
        assertEquals("restock", binder("restock", "/x").method().getName());
        assertEquals("[0].qty", field(() -> bind(binder("restock", "/x"), NO_PATH, null, "[{\"sku\":\"a\",\"qty\":1.5}]")));
        assertEquals("[0].colour",
            field(() -> bind(binder("restock", "/x"), NO_PATH, null, "[{\"sku\":\"a\",\"qty\":1,\"colour\":2}]")));

        final ArgumentBinder byPath = binder("reserve", "/api/{sku}/{qty}");
        assertEquals("[\"A\",4]", bind(byPath, new String[]{"A", "4"}, null, ""));
        assertEquals("qty", field(() -> bind(byPath, new String[]{"A", "2.9"}, null, "")));
        assertEquals("qty", field(() -> bind(byPath, new String[]{"A", "four"}, null, "")));
    }

    @Test
    void shouldRefuseDuplicateKeysMalformedAndMissingBodies()
    {
        final ArgumentBinder reserve = binder("reserve", "/api/inventory/{sku}/reserve");
        assertEquals("qty", field(() -> bind(reserve, new String[]{"A"}, null, "{\"qty\": 1, \"qty\": 2}")));
        assertEquals("body", field(() -> bind(reserve, new String[]{"A"}, null, "{\"qty\": ")));
        assertEquals("body", field(() -> bind(reserve, new String[]{"A"}, null, "")));
        assertEquals("body", field(() -> bind(binder("count", "/rpc/inventory/count"), NO_PATH, null, "{}")),
            "no argument left: a body is refused, not ignored");
        assertEquals("", bind(binder("count", "/rpc/inventory/count"), NO_PATH, null, ""));
    }

    @Test
    void shouldBindByPositionWhenTheApiHasNoParameterNames() throws Exception
    {
        final Method reserve = namelessApi().getMethod("reserve", String.class, int.class);
        assertFalse(reserve.getParameters()[0].isNamePresent(), "compiled without -parameters");
        final ArgumentBinder binder = ArgumentBinder.of(reserve, RouteTemplate.parse("/api/inventory/{sku}/reserve"),
            decoder, json);
        assertEquals("[\"A-1\",3]", bind(binder, new String[]{"A-1"}, null, "3"));
    }

    @Test
    void shouldRefuseRoutesWhoseParametersNameNoArgument()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> binder("reserve", "/api/inventory/{item}/reserve"));
        assertTrue(ex.getMessage().contains("'item'"), ex.getMessage());
    }

    /**
     * An api compiled here without {@code -parameters}, as a team's jar may be.
     */
    private static Class<?> namelessApi() throws Exception
    {
        final Path directory = TestDirectories.create("nameless-api");
        final Path source = directory.resolve("NamelessApi.java");
        Files.writeString(source, "public interface NamelessApi { int reserve(String sku, int qty); }");
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", directory.toString(), source.toString()));
        final URLClassLoader loader = new URLClassLoader(new URL[]{directory.toUri().toURL()});
        return loader.loadClass("NamelessApi");
    }

    private ArgumentBinder binder(final String operation, final String template)
    {
        return ArgumentBinder.of(ApiOperations.find(InventoryApi.class, operation), RouteTemplate.parse(template),
            decoder, json);
    }

    private static String bind(final ArgumentBinder binder, final String[] path, final Fields query, final String body)
    {
        final Bytes<?> payload = Bytes.allocateElasticOnHeap(256);
        try
        {
            binder.bind(path, query, body.getBytes(StandardCharsets.UTF_8)).write(payload);
            return payload.toUtf8String();
        }
        catch (final GatewayException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
        finally
        {
            payload.releaseLast();
        }
    }

    private static String field(final Runnable binding)
    {
        final GatewayException ex = assertThrows(GatewayException.class, binding::run);
        assertEquals(400, ex.error().status(), ex.error().toString());
        assertFalse(ex.error().message().contains("io.procmesh"), "nothing internal leaks: " + ex.error().message());
        return ex.error().field();
    }

    private static Fields query(final String... pairs)
    {
        final Fields fields = new Fields();
        for (int i = 0; i < pairs.length; i += 2)
        {
            fields.add(pairs[i], pairs[i + 1]);
        }
        return fields;
    }
}
