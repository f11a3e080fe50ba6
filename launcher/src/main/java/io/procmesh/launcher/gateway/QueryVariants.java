package io.procmesh.launcher.gateway;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The routes of one method and path that differ by their required query parameters, e.g.
 * {@code GET /api/orders?userId={userId}} and {@code GET /api/orders}: a request goes to the first whose
 * parameters it all carries, routes requiring more parameters first. A request that fits none is a 400 naming
 * the first missing parameter.
 */
final class QueryVariants implements Endpoint
{
    private final List<Variant> variants = new ArrayList<>();

    private record Variant(List<String> required, Endpoint endpoint)
    {
    }

    QueryVariants add(final List<String> required, final Endpoint endpoint)
    {
        for (final Variant variant : variants)
        {
            if (variant.required().size() == required.size() && variant.required().containsAll(required))
            {
                throw new IllegalArgumentException("two routes require the same query parameters " + required);
            }
        }
        variants.add(new Variant(List.copyOf(required), endpoint));
        variants.sort(Comparator.comparingInt((Variant variant) -> variant.required().size()).reversed());
        return this;
    }

    /**
     * @return the endpoint itself when only one route has this method and path.
     */
    Endpoint simplest()
    {
        return variants.size() == 1 && variants.get(0).required().isEmpty() ? variants.get(0).endpoint() : this;
    }

    @Override
    public void handle(final Request request, final Response response, final Callback callback, final String[] path)
        throws Exception
    {
        final Fields query = OperationEndpoint.query(request);
        String missing = null;
        for (final Variant variant : variants)
        {
            final String absent = firstAbsent(variant.required(), query);
            if (absent == null)
            {
                variant.endpoint().handle(request, response, callback, path);
                return;
            }
            missing = missing == null ? absent : missing;
        }
        throw new GatewayException(GatewayError.badRequest(missing, "query parameter '" + missing + "' is required"));
    }

    private static String firstAbsent(final List<String> required, final Fields query)
    {
        for (final String name : required)
        {
            if (query == null || query.get(name) == null)
            {
                return name;
            }
        }
        return null;
    }
}
