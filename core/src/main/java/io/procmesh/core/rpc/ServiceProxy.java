package io.procmesh.core.rpc;

import com.fasterxml.jackson.databind.JavaType;
import io.procmesh.core.message.PayloadFormat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns calls on a service interface into requests. A method returning {@link CompletableFuture} is asynchronous
 * (inside a handler its future completes on the handler's thread: {@link HandlerFuture}); any other blocks until
 * the reply or the deadline. The operation name is the method name. Inside a handler a call's deadline is the
 * earlier of its own timeout and what the handled request has left, less {@code procmesh.deadlineMarginMs}.
 * Arguments: none, one (sent as its JSON), or several (sent as a JSON array).
 * <p>
 * A method marked {@link Idempotent} is sent once more to another live instance if the one it went to dies with it
 * in flight. For a key-affinity service the affinity key is found in each method's arguments when the proxy is made
 * ({@link CallRouting}), and its hash picks the instance on each call; for a partitioned service the key's partition
 * does, and an {@link AllPartitions} method's call goes to every partition, its lists concatenated.
 */
public final class ServiceProxy implements InvocationHandler
{
    private static final long GRACE_MS = 1_000;
    private final String service;
    private final RpcClient client;
    private final long timeoutMs;
    private final Map<Method, Operation> operations = new HashMap<>();

    private ServiceProxy(final Class<?> api, final String service, final RpcClient client, final long timeoutMs)
    {
        this.service = service;
        this.client = client;
        this.timeoutMs = timeoutMs;
        for (final Method method : api.getMethods())
        {
            if (method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers()))
            {
                continue;
            }
            operations.put(method, Operation.of(method, client.json(), CallRouting.of(client, service, method)));
        }
    }

    /**
     * @throws IllegalArgumentException if the timeout is not positive; one over {@link Timeouts#MAX_TIMEOUT_MS}
     *                                  is capped there.
     */
    public static <T> T create(final Class<T> api, final String service, final RpcClient client, final long timeoutMs)
    {
        if (!api.isInterface())
        {
            throw new IllegalArgumentException(api.getName() + " is not an interface");
        }
        OperationTable.requireUniqueOperationNames(api);
        final ServiceProxy handler = new ServiceProxy(api, service, client, Timeouts.requireValidMs(timeoutMs));
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[]{api}, handler));
    }

    @Override
    public Object invoke(final Object proxy, final Method method, final Object[] args) throws Throwable
    {
        if (method.getDeclaringClass() == Object.class)
        {
            return invokeObjectMethod(proxy, method, args);
        }
        if (method.isDefault())
        {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        final Operation operation = operations.get(method);
        final Object argument = args == null || args.length == 0 ? null : args.length == 1 ? args[0] : args;
        final PayloadWriter payload = out -> client.json().writeUnlessNull(argument, out);
        if (operation.routing.fansOut())
        {
            final CompletableFuture<Object> all = operation.routing.sendToEveryPartition(client, PayloadFormat.JSON,
                payload, response -> client.json().read(response.payload(), operation.resultType), timeoutMs)
                .thenApply(ServiceProxy::concatenate);
            return operation.async ? HandlerFuture.continueOnHandlerThread(all) : await(all, operation.name);
        }
        final long keyHash = operation.routing.route(args);
        final FutureCall<Object> call =
            new FutureCall<>(response -> client.json().read(response.payload(), operation.resultType));
        call.retryPayload = operation.idempotent ? payload : null;
        final CompletableFuture<Object> future = client.send(call, service, operation.name, PayloadFormat.JSON,
            payload, timeoutMs, keyHash);
        return operation.async ? HandlerFuture.continueOnHandlerThread(future) : await(future, operation.name);
    }

    /**
     * @return the partitions' lists as one, in partition order.
     */
    private static Object concatenate(final java.util.List<Object> answers)
    {
        final java.util.List<Object> all = new java.util.ArrayList<>();
        for (final Object answer : answers)
        {
            if (answer != null)
            {
                all.addAll((java.util.Collection<?>)answer);
            }
        }
        return all;
    }

    private Object await(final CompletableFuture<Object> future, final String operation) throws Throwable
    {
        try
        {
            return future.get(Timeouts.saturatedAdd(timeoutMs, GRACE_MS), TimeUnit.MILLISECONDS);
        }
        catch (final ExecutionException ex)
        {
            throw ex.getCause();
        }
        catch (final TimeoutException ex)
        {
            throw new ServiceTimeoutException(service, operation, timeoutMs);
        }
    }

    private Object invokeObjectMethod(final Object proxy, final Method method, final Object[] args)
    {
        switch (method.getName())
        {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            default:
                return "ServiceProxy[" + service + "]";
        }
    }

    private static final class Operation
    {
        final String name;
        final boolean async;
        final JavaType resultType;
        final boolean idempotent;
        final CallRouting routing;

        private Operation(final String name, final boolean async, final JavaType resultType, final boolean idempotent,
            final CallRouting routing)
        {
            this.name = name;
            this.async = async;
            this.resultType = resultType;
            this.idempotent = idempotent;
            this.routing = routing;
        }

        static Operation of(final Method method, final JsonPayloads json, final CallRouting routing)
        {
            final boolean async = method.getReturnType() == CompletableFuture.class;
            Type result = method.getGenericReturnType();
            if (async)
            {
                result = result instanceof ParameterizedType parameterized ?
                    parameterized.getActualTypeArguments()[0] : Object.class;
            }
            if (result == void.class)
            {
                result = Void.class;
            }
            return new Operation(method.getName(), async, json.type(result),
                method.isAnnotationPresent(Idempotent.class), routing);
        }
    }
}
