package io.procmesh.launcher.gateway;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers one route and method. It completes the callback exactly once, now or later; it may throw only before
 * it has written anything, and the router then answers with the mapped error.
 */
@FunctionalInterface
interface Endpoint
{
    void handle(Request request, Response response, Callback callback, String[] pathParameters) throws Exception;
}
