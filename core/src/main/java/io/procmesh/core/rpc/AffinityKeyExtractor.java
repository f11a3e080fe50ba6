package io.procmesh.core.rpc;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a key-affinity service's key from a proxy call's arguments. The key is an argument by name ({@code userId};
 * names need {@code -parameters}, as the gateway's binding does) or a field path into one ({@code order.userId}: a
 * record component, a getter or a public field at each step). A path whose first name is no argument, on a method
 * with one argument, is read from that argument ({@code userId} on {@code place(Order order)}). Resolved once per
 * method when the proxy is made; a method the key does not fit fails there, with one line naming both.
 */
final class AffinityKeyExtractor
{
    private final int argument;
    private final Method[] getters;
    private final Field[] fields;

    private AffinityKeyExtractor(final int argument, final Method[] getters, final Field[] fields)
    {
        this.argument = argument;
        this.getters = getters;
        this.fields = fields;
    }

    /**
     * @throws IllegalArgumentException if the method has no argument or field the key names.
     */
    static AffinityKeyExtractor of(final String service, final Method method, final String keyPath)
    {
        final List<String> path = new ArrayList<>(Arrays.asList(keyPath.split("\\.", -1)));
        final Parameter[] parameters = method.getParameters();
        int argument = -1;
        boolean byName = true;
        for (int i = 0; i < parameters.length; i++)
        {
            if (parameters[i].getName().equals(path.get(0)))
            {
                argument = i;
            }
        }
        if (argument >= 0)
        {
            path.remove(0);
        }
        else if (parameters.length == 1)
        {
            argument = 0;
            byName = false;
        }
        else
        {
            throw unfit(service, method, keyPath, "has no argument named '" + path.get(0) + "'" +
                (parameters.length > 0 && !parameters[0].isNamePresent() ?
                    " (argument names need javac -parameters)" : ""));
        }
        Class<?> type = parameters[argument].getType();
        final Method[] getters = new Method[path.size()];
        final Field[] fields = new Field[path.size()];
        for (int i = 0; i < path.size(); i++)
        {
            final String name = path.get(i);
            getters[i] = accessor(type, name);
            if (getters[i] == null)
            {
                fields[i] = publicField(type, name);
                if (fields[i] == null)
                {
                    throw unfit(service, method, keyPath, (byName ? "has no argument or field '" + keyPath + "': " :
                        "has no argument named '" + path.get(0) + "', and in its one argument ") +
                        type.getSimpleName() + " has no component, getter or public field '" + name + "'");
                }
            }
            type = getters[i] != null ? getters[i].getReturnType() : fields[i].getType();
        }
        return new AffinityKeyExtractor(argument, getters, fields);
    }

    /**
     * @return the key's value in these arguments; null if an argument or field on the way is null.
     */
    Object extract(final Object[] args)
    {
        Object value = args == null ? null : args[argument];
        try
        {
            for (int i = 0; i < getters.length && value != null; i++)
            {
                value = getters[i] != null ? getters[i].invoke(value) : fields[i].get(value);
            }
        }
        catch (final IllegalAccessException | InvocationTargetException ex)
        {
            throw new IllegalStateException("cannot read the affinity key: " + ex, ex);
        }
        return value;
    }

    private static Method accessor(final Class<?> type, final String name)
    {
        if (name.isEmpty())
        {
            return null;
        }
        final String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (final String candidate : new String[]{name, "get" + capitalised, "is" + capitalised})
        {
            try
            {
                final Method method = type.getMethod(candidate);
                if (method.getReturnType() != void.class && !Modifier.isStatic(method.getModifiers()))
                {
                    method.setAccessible(true);
                    return method;
                }
            }
            catch (final NoSuchMethodException ex)
            {
                // Not this spelling: the next is tried, then a public field.
                continue;
            }
        }
        return null;
    }

    private static Field publicField(final Class<?> type, final String name)
    {
        try
        {
            final Field field = type.getField(name);
            return Modifier.isStatic(field.getModifiers()) ? null : field;
        }
        catch (final NoSuchFieldException ex)
        {
            return null;
        }
    }

    private static IllegalArgumentException unfit(final String service, final Method method, final String keyPath,
        final String why)
    {
        return new IllegalArgumentException("affinityKey '" + keyPath + "' of service '" + service + "': " +
            method.getDeclaringClass().getSimpleName() + "." + method.getName() + " " + why);
    }
}
