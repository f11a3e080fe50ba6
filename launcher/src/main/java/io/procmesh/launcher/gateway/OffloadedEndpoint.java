package io.procmesh.launcher.gateway;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.concurrent.Executor;

/**
 * Runs an endpoint on Jetty's thread pool instead of the thread that parsed the request. The router declares
 * itself non-blocking, so Jetty may call it on a selector thread; endpoints that do milliseconds of CPU work
 * (a metrics scrape, serialising the registry) move off it so they never stall other connections' I/O.
 */
final class OffloadedEndpoint implements Endpoint
{
    private final Endpoint delegate;
    private final Executor executor;
    private final HttpResponses responses;
    private final ErrorMapper errors;

    OffloadedEndpoint(
        final Endpoint delegate,
        final Executor executor,
        final HttpResponses responses,
        final ErrorMapper errors)
    {
        this.delegate = delegate;
        this.executor = executor;
        this.responses = responses;
        this.errors = errors;
    }

    @Override
    public void handle(final Request request, final Response response, final Callback callback, final String[] path)
    {
        executor.execute(() ->
        {
            try
            {
                delegate.handle(request, response, callback, path);
            }
            catch (final Exception ex)
            {
                responses.error(response, callback, errors.map(ex, null, null));
            }
        });
    }
}
