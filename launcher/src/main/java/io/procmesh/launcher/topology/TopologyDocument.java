package io.procmesh.launcher.topology;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.util.List;

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
 * services:
 *   user:
 *     mainClass: io.procmesh.services.user.UserServiceMain
 *     api: io.procmesh.services.user.UserApi   # the interface gateway routes call
 *     instances: 1
 *     jvmOptions: [-Dprocmesh.x=y]
 *     args: []
 *     dependsOn: []
 *     health: {heartbeatTimeoutMs: 2000, stuckAfterMs: 5000, startTimeoutMs: 30000}
 *     restart: {initialBackoffMs: 100, maxBackoffMs: 5000, stableAfterMs: 10000, maxRestarts: 5, withinSeconds: 60}
 * gateway:                          # optional: routes and /rpc exposure of the HTTP gateway
 *   port: 8080
 *   routes:
 *     - {method: GET, path: /api/users/{id}, call: user.get}
 *   expose: [user.get]
 * </pre>
 */
record TopologyDocument(
    Located<String> dataDir,
    Located<Long> healthCheckIntervalMs,
    Located<Long> shutdownGraceMs,
    Defaults defaults,
    @JsonDeserialize(using = ServiceDeclarationsDeserializer.class) List<ServiceDeclaration> services,
    GatewayEntry gateway)
{
    /**
     * A service's name, located so service-level errors point at it, and its settings (null if left empty).
     */
    record ServiceDeclaration(Located<String> name, ServiceEntry entry)
    {
    }

    record Defaults(
        List<Located<String>> jvmOptions,
        HealthEntry health,
        RestartEntry restart)
    {
    }

    record ServiceEntry(
        Located<String> mainClass,
        Located<String> api,
        Located<Integer> instances,
        List<Located<String>> jvmOptions,
        List<String> args,
        List<Located<String>> dependsOn,
        HealthEntry health,
        RestartEntry restart)
    {
    }

    /**
     * The {@code gateway:} section: {@code port}, {@code routes} ({@code {method, path, call, status}}) and
     * {@code expose} ({@code service.operation} entries).
     */
    record GatewayEntry(
        Located<Integer> port,
        List<RouteEntry> routes,
        List<Located<String>> expose)
    {
    }

    record RouteEntry(
        Located<String> method,
        Located<String> path,
        Located<String> call,
        Located<Integer> status)
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
}
