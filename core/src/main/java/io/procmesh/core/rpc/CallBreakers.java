package io.procmesh.core.rpc;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.breaker.BreakerSettings;
import io.procmesh.core.breaker.BreakerTable;
import io.procmesh.core.breaker.CircuitBreaker;
import io.procmesh.core.config.Configuration;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * This process's circuit breakers, one per target service (per operation of it with {@code perOperation=true}) and,
 * for a partitioned target, per partition: a sick partition's instance does not close the others off. Named
 * {@code caller->target[:operation][#partition]} in the shared {@link BreakerTable}, so every replica of the caller
 * uses the same one. Settings belong to the target, as the load-balancing policy does:
 * {@code procmesh.breaker.<service>} (the launcher passes every child the topology's {@code breaker:} of every
 * service), then {@link RpcClient.Context#breaker}, which wins; checked when the client is built. After the first
 * call to a target the lookup allocates nothing.
 */
final class CallBreakers
{
    private final String caller;
    private final BreakerTable table;
    private final ErrorHandler errorHandler;
    private final Map<String, BreakerSettings> settings = new HashMap<>();
    private final ConcurrentHashMap<String, Target> targets = new ConcurrentHashMap<>();

    /**
     * @param table null: no breakers, every call goes.
     */
    CallBreakers(final String caller, final BreakerTable table, final Map<String, BreakerSettings> overrides,
        final ErrorHandler errorHandler)
    {
        this.caller = caller;
        this.table = table;
        this.errorHandler = errorHandler;
        final Properties properties = System.getProperties();
        for (final String name : properties.stringPropertyNames())
        {
            if (name.startsWith(Configuration.BREAKER_PROP_PREFIX))
            {
                settings.put(name.substring(Configuration.BREAKER_PROP_PREFIX.length()),
                    BreakerSettings.parse(name, properties.getProperty(name)));
            }
        }
        settings.putAll(overrides);
    }

    /**
     * @param partition the call's partition, 0 if the target is not partitioned or the call has no key.
     * @return the breaker, or null if the target's breaker is disabled (or could not be had: reported once).
     */
    CircuitBreaker of(final String service, final String operation, final int partition)
    {
        if (table == null)
        {
            return null;
        }
        Target target = targets.get(service);
        if (target == null)
        {
            target = targets.computeIfAbsent(service, name -> new Target(service, null,
                settings.getOrDefault(name, BreakerSettings.DEFAULT)));
        }
        return target.perOperation ? target.operation(operation).breaker(partition) : target.breaker(partition);
    }

    /**
     * The breakers of one target, or of one operation of it, by partition.
     */
    private final class Target
    {
        private final String service;
        private final String name;
        private final BreakerSettings settings;
        private final boolean perOperation;
        private final AtomicReferenceArray<CircuitBreaker> byPartition =
            new AtomicReferenceArray<>(Configuration.MAX_PARTITIONS + 1);
        private final ConcurrentHashMap<String, Target> operations;
        private volatile boolean unavailable;

        Target(final String service, final String operation, final BreakerSettings settings)
        {
            this.service = service;
            this.name = caller + "->" + service + (operation == null ? "" : ":" + operation);
            this.settings = settings;
            this.perOperation = operation == null && settings.perOperation();
            this.operations = perOperation ? new ConcurrentHashMap<>() : null;
            this.unavailable = !settings.enabled();
        }

        Target operation(final String operation)
        {
            final Target known = operations.get(operation);
            return known != null ? known : operations.computeIfAbsent(operation,
                op -> new Target(service, op, settings));
        }

        CircuitBreaker breaker(final int partition)
        {
            final CircuitBreaker breaker = byPartition.get(partition);
            if (breaker != null || unavailable)
            {
                return breaker;
            }
            try
            {
                byPartition.compareAndSet(partition, null,
                    table.breaker(name + (partition == 0 ? "" : "#" + partition), settings));
            }
            catch (final RuntimeException ex)
            {
                // A full table costs breakers, not calls: they go as if the breaker were disabled.
                unavailable = true;
                errorHandler.onError(new IllegalStateException("calls " + name + " go without a circuit breaker",
                    ex));
            }
            return byPartition.get(partition);
        }
    }
}
