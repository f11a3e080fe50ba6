package io.procmesh.launcher.topology;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.util.List;
import java.util.Map;

/**
 * The topology file as written, before defaults and validation. Every value that validation can reject is
 * {@link Located}, so the error names its line. Unknown fields are rejected by the reader.
 * <pre>
 * dataDir: ./procmesh-data          # optional; --data-dir wins
 * healthCheckIntervalMs: 100
 * shutdownGraceMs: 10000
 * defaults:                         # optional; applies to every service, a service's own value wins
 *   jvmOptions: [-Xmx256m]
 *   health: {heartbeatTimeoutMs: 2000}
 *   restart: {maxRestarts: 5}
 *   breaker: {waitMs: 5000}         # every service's circuit breaker settings; a service's own keys win
 * services:
 *   inventory:
 *     classPath: [../inventory/target/inventory-1.0.jar]   # jars or dirs, relative to this file
 *     api: com.example.inventory.InventoryApi              # the interface callers use
 *     implementation: com.example.inventory.InventoryService   # or mainClass, never both
 *     version: 1.0.0
 *     config: {startingStock: 10}
 *     metadata: {zone: eu-1, role: primary}   # text per instance in the registry, /services and status
 *     instances: 1
 *     maxInstances: 8               # the most `procmesh scale` may run; default max(instances, 8)
 *     loadBalancing: least-outstanding                  # or round-robin, or key-affinity with an affinityKey
 *     affinityKey: order.userId                          # key-affinity only: an argument, or argument.field
 *                                                        # or a list tried in order: [id, email]
 *     partitions: 2                 # a stateful service's key partitions, one instance each (key-affinity)
 *     standby: true                 # a warm JVM per instance takes over when it dies (implementation: only)
 *     jvmOptions: [-Dprocmesh.x=y]
 *     args: []
 *     dependsOn: []
 *     health: {heartbeatTimeoutMs: 2000, stuckAfterMs: 5000, startTimeoutMs: 30000}
 *     restart: {initialBackoffMs: 100, maxBackoffMs: 5000, stableAfterMs: 10000, maxRestarts: 5, withinSeconds: 60}
 *     breaker: {failureRate: 50, slowCallRate: 50, slowCallMs: 10000, minimumCalls: 10, windowMs: 10000,
 *               waitMs: 5000, halfOpenCalls: 3, retryBudget: 10, enabled: true}   # callers' breakers to it
 * gateway:                          # optional; runs as the supervised service 'gateway', after every other one
 *   port: 8080
 *   routes:
 *     - {method: GET, path: /api/inventory/{sku}, call: inventory.stock, status: 200}
 *   expose: [inventory.stock]
 *   jvmOptions: [-Xmx128m]          # and health, restart, as a service's
 * alerting:                         # optional
 *   webhook: http://127.0.0.1:9093/hook   # alerts posted in Alertmanager's webhook format
 * </pre>
 */
record TopologyDocument(
    Located<String> dataDir,
    Located<Long> healthCheckIntervalMs,
    Located<Long> shutdownGraceMs,
    Defaults defaults,
    @JsonDeserialize(using = ServiceDeclarationsDeserializer.class) List<ServiceDeclaration> services,
    GatewayEntry gateway,
    AlertingEntry alerting)
{
    /**
     * {@code alerting: {webhook: http://...}}: where the launcher posts alerts, in Alertmanager's format.
     */
    record AlertingEntry(Located<String> webhook)
    {
    }

    /**
     * A service's name, located so service-level errors point at it, and its settings (null if left empty).
     */
    record ServiceDeclaration(Located<String> name, ServiceEntry entry)
    {
    }

    record Defaults(
        List<Located<String>> jvmOptions,
        HealthEntry health,
        RestartEntry restart,
        Map<String, Located<Object>> breaker)
    {
    }

    record ServiceEntry(
        Located<String> mainClass,
        List<Located<String>> classPath,
        Located<String> api,
        Located<String> implementation,
        Located<String> version,
        Located<Map<String, Object>> config,
        Map<String, Located<Object>> metadata,
        Located<Integer> instances,
        Located<Integer> maxInstances,
        List<Located<String>> jvmOptions,
        List<String> args,
        List<Located<String>> dependsOn,
        HealthEntry health,
        RestartEntry restart,
        Located<String> loadBalancing,
        Located<Object> affinityKey,
        Located<Integer> partitions,
        Located<Boolean> standby,
        RolloutEntry rollout,
        Map<String, Located<String>> versions,
        Map<String, Located<String>> metadataFilters,
        Map<String, Located<Object>> breaker)
    {
    }

    /**
     * A service's {@code rollout: {soakMs: 5000, maxErrorRate: 0.01}}, for `procmesh rollout`.
     */
    record RolloutEntry(Located<Long> soakMs, Located<Double> maxErrorRate)
    {
    }

    record HealthEntry(
        Located<Long> heartbeatTimeoutMs,
        Located<Long> stuckAfterMs,
        Located<Long> startTimeoutMs)
    {
    }

    record RestartEntry(
        Located<Long> initialBackoffMs,
        Located<Long> maxBackoffMs,
        Located<Long> stableAfterMs,
        Located<Integer> maxRestarts,
        Located<Integer> withinSeconds)
    {
    }

    /**
     * The {@code gateway:} section: its routes and what {@code /rpc} may reach, and how to run it, as a service.
     */
    record GatewayEntry(
        Located<Integer> port,
        List<RouteEntry> routes,
        List<Located<String>> expose,
        List<Located<String>> events,
        List<Located<String>> jvmOptions,
        HealthEntry health,
        RestartEntry restart)
    {
    }

    /**
     * One route as written: {@code {method: GET, path: /api/x/{id}, call: service.operation, status: 200}}.
     */
    record RouteEntry(
        Located<String> method,
        Located<String> path,
        Located<String> call,
        Located<Integer> status)
    {
    }
}
