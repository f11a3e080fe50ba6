package io.procmesh.launcher.gateway;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.procmesh.core.rpc.JsonPayloads;
import io.procmesh.core.rpc.PayloadWriter;
import org.eclipse.jetty.util.Fields;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Binds one api method's arguments from an HTTP request, the same way for every route and for {@code /rpc}:
 * <ol>
 * <li>the route's path parameters and required query parameters bind to the arguments of the same name, or, when
 * the api was compiled without {@code -parameters}, to the first arguments in template order;</li>
 * <li>a query parameter named like a remaining argument binds it (names only);</li>
 * <li>the body binds what is left: a JSON object whose keys all name remaining arguments binds by name, a JSON
 * array with one element per remaining argument by position, and any other body binds whole to the one
 * remaining argument (a record, a list, a number).</li>
 * </ol>
 * Every value is read as strictly as {@link JsonRequestDecoder} reads a body; a wrong value is a 400 naming it.
 */
final class ArgumentBinder
{
    private static final String BODY = "body";

    private final Method method;
    private final List<Argument> arguments;
    private final boolean namesPresent;
    private final JavaType[] types;
    private final int[] pathIndex;
    private final String[] queryName;
    private final int[] bodyArguments;
    private final JsonRequestDecoder decoder;
    private final JsonPayloads json;

    /**
     * Where one argument comes from, for the OpenAPI document and for messages.
     *
     * @param source {@code path}, {@code query} (required by the route) or {@code body} (the body, or a query
     *               parameter of its name).
     */
    record Argument(String name, java.lang.reflect.Type type, String source)
    {
    }

    private ArgumentBinder(final Method method, final RouteTemplate template, final JsonRequestDecoder decoder,
        final JsonPayloads json)
    {
        this.method = method;
        this.decoder = decoder;
        this.json = json;
        final Parameter[] parameters = method.getParameters();
        final int count = parameters.length;
        this.namesPresent = count == 0 || parameters[0].isNamePresent();
        this.types = new JavaType[count];
        this.pathIndex = new int[count];
        this.queryName = new String[count];
        final String[] names = new String[count];
        for (int i = 0; i < count; i++)
        {
            names[i] = parameters[i].getName();
            types[i] = decoder.type(parameters[i].getParameterizedType());
            pathIndex[i] = -1;
        }
        final List<String> templateNames = new ArrayList<>(template.pathParameters());
        templateNames.addAll(template.queryParameters());
        for (int k = 0; k < templateNames.size(); k++)
        {
            final String name = templateNames.get(k);
            final int argument = namesPresent ? indexOf(names, name) : k;
            if (argument < 0 || argument >= count)
            {
                throw new IllegalArgumentException("route " + template.path() + ": " + describe(method) +
                    " has no argument " + (namesPresent ? "named '" + name + "'" : "for '" + name + "' (position " +
                    k + ")"));
            }
            if (k < template.pathParameters().size())
            {
                pathIndex[argument] = k;
            }
            else
            {
                queryName[argument] = name;
            }
            names[argument] = name;
        }
        final List<Argument> all = new ArrayList<>();
        final List<Integer> body = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final String source = pathIndex[i] >= 0 ? "path" : queryName[i] != null ? "query" : BODY;
            all.add(new Argument(names[i], parameters[i].getParameterizedType(), source));
            if (source.equals(BODY))
            {
                body.add(i);
            }
        }
        this.arguments = List.copyOf(all);
        this.bodyArguments = body.stream().mapToInt(Integer::intValue).toArray();
    }

    static ArgumentBinder of(final Method method, final RouteTemplate template, final JsonRequestDecoder decoder,
        final JsonPayloads json)
    {
        return new ArgumentBinder(method, template, decoder, json);
    }

    Method method()
    {
        return method;
    }

    List<Argument> arguments()
    {
        return arguments;
    }

    boolean namesPresent()
    {
        return namesPresent;
    }

    /**
     * @return whether arguments are left for the body (or for query parameters of their names).
     */
    boolean takesBody()
    {
        return bodyArguments.length > 0;
    }

    /**
     * @param path  the route's path parameters, in template order.
     * @param query the request's query parameters, or null when it has none.
     * @param body  the request body, empty when there is none.
     * @return the argument as the service reads it: nothing, one JSON value, or a JSON array of them.
     * @throws GatewayException 400 naming the field at fault.
     */
    PayloadWriter bind(final String[] path, final Fields query, final byte[] body)
    {
        final Object[] values = new Object[types.length];
        final List<Integer> unbound = new ArrayList<>(bodyArguments.length);
        for (int i = 0; i < types.length; i++)
        {
            if (pathIndex[i] >= 0)
            {
                values[i] = text(path[pathIndex[i]], i);
            }
            else if (queryName[i] != null)
            {
                values[i] = text(queryValue(query, queryName[i]), i);
            }
        }
        for (final int i : bodyArguments)
        {
            final String value = namesPresent ? queryValue(query, arguments.get(i).name()) : null;
            if (value != null)
            {
                values[i] = text(value, i);
            }
            else
            {
                unbound.add(i);
            }
        }
        bindBody(unbound, body, values);
        return writer(values);
    }

    private void bindBody(final List<Integer> unbound, final byte[] body, final Object[] values)
    {
        final JsonNode tree = decoder.readTree(body);
        if (unbound.isEmpty())
        {
            if (tree != null)
            {
                throw new GatewayException(GatewayError.badRequest(BODY,
                    describe(method) + " takes no request body here: every argument is bound already"));
            }
            return;
        }
        if (tree == null)
        {
            throw new GatewayException(GatewayError.badRequest(BODY, "a JSON request body is required: " +
                expected(unbound)));
        }
        if (tree.isObject() && namesPresent && !tree.isEmpty() && keysName(tree, unbound))
        {
            for (final int i : unbound)
            {
                final String name = arguments.get(i).name();
                if (!tree.has(name))
                {
                    throw new GatewayException(GatewayError.badRequest(name, "missing field '" + name + "'"));
                }
                values[i] = decoder.convert(tree.get(name), types[i], name);
            }
        }
        else if (unbound.size() == 1)
        {
            final int i = unbound.get(0);
            values[i] = decoder.convert(tree, types[i], isScalar(types[i]) ? arguments.get(i).name() : BODY);
        }
        else if (tree.isArray() && tree.size() == unbound.size())
        {
            for (int k = 0; k < unbound.size(); k++)
            {
                final int i = unbound.get(k);
                values[i] = decoder.convert(tree.get(k), types[i], arguments.get(i).name());
            }
        }
        else
        {
            final String unknown = tree.isObject() ? firstUnknownKey(tree, unbound) : null;
            throw new GatewayException(unknown != null ?
                GatewayError.badRequest(unknown, "unknown field '" + unknown + "'; " + expected(unbound)) :
                GatewayError.badRequest(BODY, "the body does not fit " + describe(method) + ": " + expected(unbound)));
        }
    }

    /**
     * @return the payload, carrying the bound values too: a partitioned or key-affinity service's call is routed by
     * its key among them ({@link MeshCaller}).
     */
    private PayloadWriter writer(final Object[] values)
    {
        if (values.length == 0)
        {
            return MeshCaller.NO_ARGUMENT;
        }
        if (values.length == 1)
        {
            final Object value = values[0];
            if (value instanceof String text)
            {
                return new BoundArguments(values, payload -> JsonStrings.write(text, payload));
            }
            return new BoundArguments(values, payload -> json.write(value, payload));
        }
        return new BoundArguments(values, payload -> json.write(values, payload));
    }

    /**
     * A path or query value: text for a text argument, a JSON number or boolean where the argument is one
     * ({@code "2.9"} is no int), a JSON string for anything else (an enum, a date).
     */
    private Object text(final String text, final int i)
    {
        final Class<?> raw = types[i].getRawClass();
        if (raw == String.class || raw == CharSequence.class || raw == Object.class)
        {
            return text;
        }
        JsonNode node = TextNode.valueOf(text);
        if (raw.isPrimitive() || Number.class.isAssignableFrom(raw) || raw == Boolean.class)
        {
            try
            {
                final JsonNode scalar = decoder.readTree(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                node = scalar != null && (scalar.isNumber() || scalar.isBoolean()) ? scalar : node;
            }
            catch (final GatewayException notJson)
            {
                // Not a JSON number or boolean: converted as text, which the strict reader refuses for this type.
                node = TextNode.valueOf(text);
            }
        }
        return decoder.convert(node, types[i], arguments.get(i).name());
    }

    private static String queryValue(final Fields query, final String name)
    {
        final String value = query == null ? null : query.getValue(name);
        if (value != null && value.isBlank())
        {
            throw new GatewayException(GatewayError.badRequest(name, "query parameter '" + name + "' must not be empty"));
        }
        return value == null ? null : value.trim();
    }

    private boolean keysName(final JsonNode tree, final List<Integer> unbound)
    {
        return firstUnknownKey(tree, unbound) == null;
    }

    private String firstUnknownKey(final JsonNode tree, final List<Integer> unbound)
    {
        for (final Iterator<String> keys = tree.fieldNames(); keys.hasNext(); )
        {
            final String key = keys.next();
            boolean known = false;
            for (final int i : unbound)
            {
                known |= arguments.get(i).name().equals(key);
            }
            if (!known)
            {
                return key;
            }
        }
        return null;
    }

    private String expected(final List<Integer> unbound)
    {
        if (unbound.size() == 1)
        {
            return "expected " + JsonRequestDecoder.typeName(types[unbound.get(0)].getRawClass()) + " for '" +
                arguments.get(unbound.get(0)).name() + "'";
        }
        final List<String> names = new ArrayList<>();
        for (final int i : unbound)
        {
            names.add(arguments.get(i).name());
        }
        return "expected a JSON object with fields " + String.join(", ", names);
    }

    static boolean isScalar(final JavaType type)
    {
        final Class<?> raw = type.getRawClass();
        return raw.isPrimitive() || Number.class.isAssignableFrom(raw) || raw == Boolean.class ||
            CharSequence.class.isAssignableFrom(raw) || raw == Character.class || raw.isEnum();
    }

    private static int indexOf(final String[] names, final String name)
    {
        for (int i = 0; i < names.length; i++)
        {
            if (names[i].equals(name))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * The operation's name alone: messages go to clients, who need not see the api's class.
     */
    static String describe(final Method method)
    {
        return "operation '" + method.getName() + "'";
    }
}
