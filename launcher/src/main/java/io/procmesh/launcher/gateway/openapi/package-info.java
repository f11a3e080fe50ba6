/**
 * The gateway's {@code GET /openapi.json}: an OpenAPI 3.1 document made at start from the routes the topology
 * gives and the Java signatures of the operations they call. It knows nothing of HTTP serving or of the
 * gateway's classes: the gateway describes each operation as an {@link io.procmesh.launcher.gateway.openapi.OpenApiOperation}.
 * <pre>
 *  RoutePlan ─▶ OpenApiOperation* ─▶ OpenApiDocument ─▶ swagger-core model + JSON Schema of the api types ─▶ bytes
 * </pre>
 */
package io.procmesh.launcher.gateway.openapi;
