package io.procmesh.launcher.gateway;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;

/**
 * Finds an operation on a service's api the way core's dispatch does: by method name (operations are not
 * overloaded), default and static methods excluded.
 */
final class ApiOperations
{
    private ApiOperations()
    {
    }

    /**
     * @throws IllegalArgumentException naming the api and the operation when it has none of that name.
     */
    static Method find(final Class<?> api, final String operation)
    {
        for (final Method method : api.getMethods())
        {
            if (method.getName().equals(operation) && !method.isDefault() &&
                !Modifier.isStatic(method.getModifiers()))
            {
                return method;
            }
        }
        throw new IllegalArgumentException(api.getName() + " has no operation '" + operation + "'");
    }

    /**
     * @return what a successful call answers: the declared return type, or T of a {@code CompletableFuture<T>}.
     */
    static Type resultType(final Method method)
    {
        final Type type = method.getGenericReturnType();
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == CompletableFuture.class)
        {
            return parameterized.getActualTypeArguments()[0];
        }
        return type == CompletableFuture.class ? Object.class : type;
    }

    static boolean returnsNothing(final Method method)
    {
        final Type result = resultType(method);
        return result == void.class || result == Void.class;
    }
}
