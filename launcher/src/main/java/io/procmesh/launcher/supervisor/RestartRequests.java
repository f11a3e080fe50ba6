package io.procmesh.launcher.supervisor;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.launcher.state.ControlDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Operators' `procmesh restart` requests: taken from the control directory, run as {@link RollingRestart}s and
 * answered there. Restarts of unrelated services run side by side; one whose service is the same as, depends on,
 * or is depended on by an earlier request's waits its turn (see {@link SupervisedService#isRelatedTo}), so a
 * restart that cannot finish soon never holds up an unrelated one. Only the supervisor thread calls in.
 */
final class RestartRequests
{
    private static final Logger LOG = LoggerFactory.getLogger(RestartRequests.class);

    private final ControlDirectory control;
    private final Map<String, SupervisedService> services;
    private final ErrorHandler errorHandler;
    private final List<RollingRestart> restarts = new ArrayList<>();

    RestartRequests(
        final ControlDirectory control, final Map<String, SupervisedService> services, final ErrorHandler errorHandler)
    {
        this.control = control;
        this.services = services;
        this.errorHandler = errorHandler;
    }

    void take()
    {
        final List<ControlDirectory.Request> requests;
        try
        {
            requests = control.takeRequests();
        }
        catch (final IOException ex)
        {
            errorHandler.onError(ex);
            return;
        }
        for (final ControlDirectory.Request request : requests)
        {
            final SupervisedService service = services.get(request.service());
            if (service == null)
            {
                answer(request.id(), false, "unknown service '" + request.service() + "' (services: " +
                    String.join(", ", services.keySet()) + ")");
                continue;
            }
            LOG.info("restart of {} requested ({})", service.name(), request.id());
            restarts.add(new RollingRestart(request.id(), service));
        }
    }

    /**
     * Steps every restart in the order requested, except those that wait for an earlier related one.
     */
    void advance(final long nowNs)
    {
        for (int i = 0; i < restarts.size(); i++)
        {
            final RollingRestart restart = restarts.get(i);
            if (!waitsForAnEarlierRestart(i) && restart.step(nowNs))
            {
                restarts.remove(i--);
                if (restart.ok())
                {
                    LOG.info("{}", restart.summary());
                }
                else
                {
                    LOG.warn("restart of {} failed: {}", restart.service().name(), restart.summary());
                }
                answer(restart.requestId(), restart.ok(), restart.summary());
            }
        }
    }

    private boolean waitsForAnEarlierRestart(final int index)
    {
        final SupervisedService service = restarts.get(index).service();
        for (int i = 0; i < index; i++)
        {
            if (restarts.get(i).service().isRelatedTo(service))
            {
                return true;
            }
        }
        return false;
    }

    private void answer(final String requestId, final boolean ok, final String message)
    {
        try
        {
            control.complete(requestId, ok, message);
        }
        catch (final IOException ex)
        {
            errorHandler.onError(ex);
        }
    }
}
