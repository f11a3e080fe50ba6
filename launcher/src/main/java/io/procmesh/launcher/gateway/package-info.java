/**
 * The HTTP gateway: REST routes for the demo services, a generic proxy to any service, admin endpoints and
 * Prometheus metrics, on Jetty 12 core handlers. It is a procmesh member like any service, supervised by the
 * launcher.
 * <pre>
 *  HTTP in ─▶ Router ─▶ UserEndpoints / OrderEndpoints / NotificationEndpoints / RpcProxyEndpoint
 *                │                 │ (JsonBodyReader ─▶ JsonRequestDecoder for bodies)
 *                │                 ▼
 *                │            MeshCaller ──append──▶ target inbox        (HTTP thread returns at once)
 *                │                                        │
 *  HTTP out ◀─ HttpResponses ◀─ ReplyWriter ◀─ reply reader ◀─ reply queue  (no thread waits for a reply)
 *                ▲
 *                └─ HealthEndpoint, ServicesEndpoint ◀─ RegistryView ◀─ registry snapshot every 100 ms
 *                   MetricsEndpoint ◀─ GatewayMetrics + RegistryMetricsBinder (slot counters)
 * </pre>
 * Errors: ErrorMapper turns every failure into a {@link io.procmesh.launcher.gateway.GatewayError}, written as a
 * JSON body with its status by HttpResponses; JsonErrorHandler does the same for requests Jetty itself rejects.
 */
package io.procmesh.launcher.gateway;
