package io.procmesh.launcher.gateway.openapi;

import java.lang.reflect.Type;
import java.util.List;

/**
 * One route or exposed operation as the OpenAPI document describes it.
 *
 * @param httpMethod     upper case.
 * @param path           the path template, without the route's query part.
 * @param status         the success status.
 * @param parameters     path and query parameters.
 * @param body           the arguments the body carries, in order; empty for none.
 * @param bodyByName     whether several body arguments are a JSON object by name (else a JSON array by position).
 * @param result         what a successful call answers (void for nothing).
 * @param nullIsNotFound whether a null result is answered 404.
 */
public record OpenApiOperation(
    String httpMethod,
    String path,
    String service,
    String operation,
    int status,
    List<Parameter> parameters,
    List<Argument> body,
    boolean bodyByName,
    Type result,
    boolean nullIsNotFound)
{
    public OpenApiOperation
    {
        parameters = List.copyOf(parameters);
        body = List.copyOf(body);
    }

    /**
     * @param in {@code path} or {@code query}.
     */
    public record Parameter(String name, String in, Type type, boolean required)
    {
    }

    public record Argument(String name, Type type)
    {
    }
}
