package io.procmesh.launcher.gateway;

import io.procmesh.launcher.gateway.openapi.OpenApiDocument;
import io.procmesh.launcher.gateway.openapi.OpenApiOperation;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 document of this gateway's routes and exposed operations, made from
 * the plan the gateway serves (the topology and the api signatures) on the first request, off the selector
 * thread, so swagger-core's schema resolution costs the gateway's start nothing; then the same bytes each time.
 */
final class OpenApiEndpoint
{
    static final String PATH = "/openapi.json";

    private final RoutePlan plan;
    private final HttpResponses responses;
    private volatile byte[] document;

    OpenApiEndpoint(final RoutePlan plan, final HttpResponses responses)
    {
        this.plan = plan;
        this.responses = responses;
    }

    void routes(final RouteTable.Builder routes, final UnaryOperator<Endpoint> offload)
    {
        routes.add("GET", PATH, offload.apply(this::serve));
    }

    private void serve(final Request request, final Response response, final Callback callback, final String[] path)
    {
        responses.json(response, callback, 200, document());
    }

    private byte[] document()
    {
        byte[] made = document;
        if (made == null)
        {
            synchronized (this)
            {
                made = document;
                if (made == null)
                {
                    made = OpenApiDocument.json("procmesh gateway", "1", operations(plan));
                    document = made;
                }
            }
        }
        return made;
    }

    static List<OpenApiOperation> operations(final RoutePlan plan)
    {
        final List<OpenApiOperation> operations = new ArrayList<>();
        for (final RoutePlan.Planned route : plan.routes())
        {
            operations.add(describe(route, true));
        }
        for (final RoutePlan.Planned exposed : plan.exposed())
        {
            operations.add(describe(exposed, false));
        }
        return operations;
    }

    /**
     * On a GET or DELETE, arguments not bound by the route's template are query parameters (those methods carry
     * no body); on the others they are the body.
     */
    private static OpenApiOperation describe(final RoutePlan.Planned route, final boolean rest)
    {
        final boolean queryOnly = route.httpMethod().equals("GET") || route.httpMethod().equals("DELETE");
        final List<OpenApiOperation.Parameter> parameters = new ArrayList<>();
        final List<OpenApiOperation.Argument> body = new ArrayList<>();
        for (final ArgumentBinder.Argument argument : route.binder().arguments())
        {
            if (argument.source().equals("body") && !queryOnly)
            {
                body.add(new OpenApiOperation.Argument(argument.name(), argument.type()));
            }
            else
            {
                parameters.add(new OpenApiOperation.Parameter(argument.name(),
                    argument.source().equals("path") ? "path" : "query", argument.type(), true));
            }
        }
        return new OpenApiOperation(route.httpMethod(), route.template().path(), route.service(), route.operation(),
            route.status(), parameters, body, route.binder().namesPresent(),
            ApiOperations.resultType(route.binder().method()),
            rest && !ApiOperations.returnsNothing(route.binder().method()));
    }
}
