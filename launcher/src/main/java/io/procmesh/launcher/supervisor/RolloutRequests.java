package io.procmesh.launcher.supervisor;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.launcher.state.ControlDirectory;
import io.procmesh.launcher.topology.ServiceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Operators' `procmesh rollout`, `procmesh rollout --status` and `procmesh rollback` requests, taken from the control
 * directory: bad input (an unknown service, no version, a class path entry that is not there, nothing to roll back)
 * is rejected at once with nothing changed; the rest become {@link Rollout}s, queued with the other operator actions.
 * It keeps the last rollout of each service for `--status`. Only the supervisor thread calls in.
 */
final class RolloutRequests
{
    private static final Logger LOG = LoggerFactory.getLogger(RolloutRequests.class);

    private final ControlDirectory control;
    private final Fleet fleet;
    private final ErrorHandler errorHandler;
    private final Map<String, Rollout> latest = new LinkedHashMap<>();

    RolloutRequests(final ControlDirectory control, final Fleet fleet, final ErrorHandler errorHandler)
    {
        this.control = control;
        this.fleet = fleet;
        this.errorHandler = errorHandler;
    }

    /**
     * @param queue takes each accepted rollout or rollback, to run in turn with the other operator actions.
     */
    void take(final Consumer<OperatorAction> queue)
    {
        final List<ControlDirectory.RolloutRequest> requests;
        try
        {
            requests = control.takeRolloutRequests();
        }
        catch (final IOException ex)
        {
            errorHandler.onError(ex);
            return;
        }
        for (final ControlDirectory.RolloutRequest request : requests)
        {
            if (request.kind().equals("status"))
            {
                answerStatus(request.id());
                continue;
            }
            final SupervisedService service = fleet.services().get(request.service());
            if (service == null)
            {
                reject(request.id(), "unknown service '" + request.service() + "' (services: " +
                    String.join(", ", fleet.services().keySet()) + ")");
                continue;
            }
            final String refusal = request.kind().equals("rollback") ? null : refusal(request);
            if (refusal != null)
            {
                reject(request.id(), refusal);
                continue;
            }
            // Without --class-path the new release keeps the class path the service runs now.
            final ServiceDefinition to = request.kind().equals("rollback") ? service.previousRelease() :
                service.definition().release(request.version(), request.classPath().isEmpty() ?
                    service.release().classPath() : request.classPath().stream().map(Path::of).toList());
            if (to == null)
            {
                reject(request.id(), "no completed rollout of " + service.name() + " to roll back");
                continue;
            }
            final Rollout rollout = new Rollout(request.id(), request.kind(), service, fleet, to);
            LOG.info("{} requested ({})", rollout.what(), request.id());
            latest.put(service.name(), rollout);
            queue.accept(rollout);
        }
    }

    private static String refusal(final ControlDirectory.RolloutRequest request)
    {
        if (request.version().isEmpty())
        {
            return "--version is required: the version to roll out, e.g. --version 2.0.0";
        }
        for (final String entry : request.classPath())
        {
            try
            {
                final Path path = Path.of(entry);
                if (!path.isAbsolute() || !Files.exists(path))
                {
                    return "--class-path entry " + entry + " does not exist";
                }
            }
            catch (final InvalidPathException ex)
            {
                return "--class-path entry " + entry + " is not a path: " + ex.getReason();
            }
        }
        return null;
    }

    private void answerStatus(final String requestId)
    {
        final List<String> lines = new ArrayList<>();
        for (final Rollout rollout : latest.values())
        {
            lines.add(rollout.status());
        }
        answer(requestId, lines.isEmpty() ? "no rollout since the launcher started" : String.join("\n", lines));
    }

    private void reject(final String requestId, final String message)
    {
        LOG.warn("{} rejected: {}", requestId, message);
        try
        {
            control.reject(requestId, message);
        }
        catch (final IOException ex)
        {
            errorHandler.onError(ex);
        }
    }

    private void answer(final String requestId, final String message)
    {
        try
        {
            control.complete(requestId, true, message);
        }
        catch (final IOException ex)
        {
            errorHandler.onError(ex);
        }
    }
}
