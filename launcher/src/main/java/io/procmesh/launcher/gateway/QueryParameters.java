package io.procmesh.launcher.gateway;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * Reads optional query parameters, rejecting a present but blank value with a 400 naming it.
 */
final class QueryParameters
{
    private QueryParameters()
    {
    }

    /**
     * @return the trimmed value, or null when the parameter is absent.
     */
    static String optional(final Request request, final String name)
    {
        if (request.getHttpURI().getQuery() == null)
        {
            return null;
        }
        final Fields fields = Request.extractQueryParameters(request);
        final String value = fields.getValue(name);
        if (value == null)
        {
            return null;
        }
        if (value.isBlank())
        {
            throw new GatewayException(GatewayError.badRequest(name, "query parameter '" + name + "' must not be empty"));
        }
        return value.trim();
    }
}
