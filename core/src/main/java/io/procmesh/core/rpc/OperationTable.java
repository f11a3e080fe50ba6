package io.procmesh.core.rpc;

import com.fasterxml.jackson.databind.JavaType;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The operations a service implements, found by name without allocating: a linear scan over a handful of entries
 * compares the envelope's operation in place.
 */
public final class OperationTable
{
    private final Entry[] entries;

    private OperationTable(final Entry[] entries)
    {
        this.entries = entries;
    }

    public static OperationTable of(final Class<?> api, final JsonPayloads json)
    {
        requireUniqueOperationNames(api);
        final List<Entry> list = new ArrayList<>();
        for (final Method method : api.getMethods())
        {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()))
            {
                continue;
            }
            final Type[] parameters = method.getGenericParameterTypes();
            final JavaType[] types = new JavaType[parameters.length];
            for (int i = 0; i < parameters.length; i++)
            {
                types[i] = json.type(parameters[i]);
                json.prepare(types[i]);
            }
            final Type reply = replyType(method);
            if (reply != void.class && reply != Void.class)
            {
                json.prepare(json.type(reply));
            }
            method.setAccessible(true);
            list.add(new Entry(method.getName(), method, types));
        }
        return new OperationTable(list.toArray(new Entry[0]));
    }

    /**
     * @return what the method's reply carries: its return type, or T of a {@code CompletionStage<T>}.
     */
    private static Type replyType(final Method method)
    {
        final Type type = method.getGenericReturnType();
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw &&
            CompletionStage.class.isAssignableFrom(raw))
        {
            return parameterized.getActualTypeArguments()[0];
        }
        return type;
    }

    static void requireUniqueOperationNames(final Class<?> api)
    {
        final Set<String> names = new HashSet<>();
        for (final Method method : api.getMethods())
        {
            if (!method.isDefault() && !Modifier.isStatic(method.getModifiers()) && !names.add(method.getName()))
            {
                throw new IllegalArgumentException(api.getName() + " overloads '" + method.getName() +
                    "': operations are named by method, so each name must be unique");
            }
        }
    }

    /**
     * @return the entry for the operation, or null if the service has no such operation.
     */
    public Entry find(final CharSequence operation)
    {
        for (final Entry entry : entries)
        {
            if (entry.name.contentEquals(operation))
            {
                return entry;
            }
        }
        return null;
    }

    public List<String> names()
    {
        final List<String> names = new ArrayList<>();
        for (final Entry entry : entries)
        {
            names.add(entry.name);
        }
        return names;
    }

    public static final class Entry
    {
        final String name;
        final Method method;
        final JavaType[] parameterTypes;

        Entry(final String name, final Method method, final JavaType[] parameterTypes)
        {
            this.name = name;
            this.method = method;
            this.parameterTypes = parameterTypes;
        }

        public String name()
        {
            return name;
        }

        public Method method()
        {
            return method;
        }

        public JavaType[] parameterTypes()
        {
            return parameterTypes;
        }
    }
}
