package io.procmesh.launcher.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health}: 200 when every expected service has a live instance, else 503 with an "error" naming the
 * services that are not UP. Expected services are the required ones ({@code procmesh.gateway.requiredServices}),
 * or, when none are configured, every service seen in the registry that serves calls (has advertised an inbox):
 * plain clients are listed but not judged, since each process that connected and left keeps a DOWN entry. Read
 * from the cached registry view.
 */
final class HealthEndpoint
{
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Health(String status, String error, long checkedAtMs, Map<String, ServiceHealth> services)
    {
    }

    record ServiceHealth(String state, int liveInstances, int instances, boolean required)
    {
    }

    private final RegistryView view;
    private final HttpResponses responses;

    HealthEndpoint(final RegistryView view, final HttpResponses responses)
    {
        this.view = view;
        this.responses = responses;
    }

    void routes(final RouteTable.Builder routes)
    {
        routes.add("GET", "/health", this::health);
    }

    private void health(final Request request, final Response response, final Callback callback, final String[] path)
    {
        final RegistryView.Snapshot snapshot = view.current();
        final Map<String, ServiceHealth> services = new LinkedHashMap<>();
        final List<String> notUp = new ArrayList<>();
        final boolean noneRequired = snapshot.services().values().stream().noneMatch(ServiceView::required);
        for (final ServiceView service : snapshot.services().values())
        {
            services.put(service.service(), new ServiceHealth(
                service.state(), service.liveInstances(), service.instances(), service.required()));
            if ((service.required() || noneRequired && service.servesCalls()) && !service.isUp())
            {
                notUp.add(service.service() + " is " + service.state());
            }
        }
        final boolean healthy = notUp.isEmpty();
        final String error = healthy ? null : "not every required service is UP: " + String.join(", ", notUp);
        responses.json(response, callback, healthy ? 200 : 503,
            new Health(healthy ? "UP" : "DOWN", error, snapshot.capturedAtMs(), services));
    }
}
