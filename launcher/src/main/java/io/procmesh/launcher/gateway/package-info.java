/**
 * The HTTP gateway: REST routes from the topology's {@code gateway:} section, {@code /rpc} to the exposed
 * operations, {@code /openapi.json}, admin endpoints and Prometheus metrics, on Jetty 12 core handlers. It is a
 * procmesh member like any service, supervised by the launcher, and knows no service: routes are data.
 * <pre>
 *  topology ─▶ GatewayTopology ─▶ GatewayContext ─▶ RoutePlan (api Methods, ArgumentBinders) ─▶ TopologyEndpoints
 *  HTTP in ─▶ Router ─▶ [QueryVariants ─▶] OperationEndpoint / RpcProxyEndpoint (exposed OperationEndpoints)
 *                │                 │ (JsonBodyReader ─▶ ArgumentBinder ─▶ JsonRequestDecoder, strict)
 *                │                 ▼
 *                │            MeshCaller ──append──▶ target inbox        (HTTP thread returns at once)
 *                │                                        │
 *  HTTP out ◀─ HttpResponses ◀─ ReplyWriter ◀─ reply reader ◀─ reply queue  (no thread waits for a reply)
 *                ▲
 *                └─ HealthEndpoint, ServicesEndpoint ◀─ RegistryView ◀─ registry snapshot every 100 ms
 *                   MetricsEndpoint ◀─ GatewayMetrics + RegistryMetricsBinder (slot counters)
 *                   OpenApiEndpoint ◀─ openapi.OpenApiDocument, made once at start
 * </pre>
 * Errors: ErrorMapper turns every failure into a {@link io.procmesh.launcher.gateway.GatewayError}, written as a
 * JSON body with its status by HttpResponses; JsonErrorHandler does the same for requests Jetty itself rejects.
 */
package io.procmesh.launcher.gateway;
