package io.procmesh.launcher.supervisor;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.launcher.alert.AlertSink;
import io.procmesh.launcher.alert.Alerts;
import io.procmesh.launcher.state.ControlDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Operators' `procmesh restart`, `procmesh scale` and (through {@link RolloutRequests}) `procmesh rollout` requests:
 * taken from the control directory, run as {@link RollingRestart}s, {@link Scaling}s and {@link Rollout}s, and
 * answered there; a scale with a bad count or service is rejected at once, with nothing changed. Actions on unrelated services run side by side; one whose service is the same as,
 * depends on, or is depended on by an earlier request's waits its turn (see {@link SupervisedService#isRelatedTo}),
 * so an action that cannot finish soon never holds up an unrelated one, and two never act on one service at once.
 * Only the supervisor thread calls in.
 */
final class RestartRequests
{
    private static final Logger LOG = LoggerFactory.getLogger(RestartRequests.class);

    private final ControlDirectory control;
    private final Fleet fleet;
    private final Map<String, SupervisedService> services;
    private final ErrorHandler errorHandler;
    private final List<OperatorAction> restarts = new ArrayList<>();
    private final RolloutRequests rollouts;
    private final AlertSink alerts;

    RestartRequests(final ControlDirectory control, final Fleet fleet, final ErrorHandler errorHandler,
        final AlertSink alerts)
    {
        this.alerts = alerts;
        this.control = control;
        this.fleet = fleet;
        this.services = fleet.services();
        this.errorHandler = errorHandler;
        this.rollouts = new RolloutRequests(control, fleet, errorHandler);
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
        takeScales();
        rollouts.take(restarts::add);
    }

    private void takeScales()
    {
        final List<ControlDirectory.ScaleRequest> requests;
        try
        {
            requests = control.takeScaleRequests();
        }
        catch (final IOException ex)
        {
            errorHandler.onError(ex);
            return;
        }
        for (final ControlDirectory.ScaleRequest request : requests)
        {
            final SupervisedService service = services.get(request.service());
            if (service == null)
            {
                reject(request.id(), "unknown service '" + request.service() + "' (services: " +
                    String.join(", ", services.keySet()) + ")");
                continue;
            }
            if (request.count().isEmpty())
            {
                answer(request.id(), true, service.name() + ": " + service.count() + " of at most " +
                    service.definition().maxInstances() + " instances (topology: " +
                    service.definition().instances() + ")");
                continue;
            }
            final String refusal = Scaling.refusal(service, request.count());
            if (refusal != null)
            {
                reject(request.id(), refusal);
                continue;
            }
            LOG.info("scale of {} to {} requested ({})", service.name(), request.count(), request.id());
            restarts.add(new Scaling(request.id(), service, Integer.parseInt(request.count()), fleet));
        }
    }

    /**
     * Steps every action in the order requested, except those that wait for an earlier related one.
     *
     * @return true if an action ended: what it changed (a rollout's release) belongs in the state file.
     */
    boolean advance(final long nowNs)
    {
        final int before = restarts.size();
        for (int i = 0; i < restarts.size(); i++)
        {
            final OperatorAction restart = restarts.get(i);
            if (waitsForAnEarlierRestart(i))
            {
                continue;
            }
            try
            {
                if (!restart.step(nowNs))
                {
                    continue;
                }
            }
            catch (final RuntimeException ex)
            {
                // A bug in one action must not take the launcher, and every instance, down with it.
                errorHandler.onError(ex);
                if (restart instanceof Rollout)
                {
                    alerts.fire(Alerts.ROLLOUT_FAILED, Alerts.CRITICAL, restart.service().name(), "",
                        restart.what() + " failed in the launcher: " + ex);
                }
                restarts.remove(i--);
                answer(restart.requestId(), false, "the launcher failed carrying it out: " + ex);
                continue;
            }
            restarts.remove(i--);
            if (restart.ok())
            {
                LOG.info("{}", restart.summary());
                if (restart instanceof Rollout)
                {
                    alerts.resolve(Alerts.ROLLOUT_FAILED, restart.service().name(), "", restart.summary());
                }
            }
            else if (restart instanceof Rollout && restart.summary().contains("rollback FAILED"))
            {
                alerts.fire(Alerts.ROLLOUT_FAILED, Alerts.CRITICAL, restart.service().name(), "",
                    restart.what() + " failed and could not be rolled back: " + restart.summary());
            }
            else if (restart instanceof Rollout)
            {
                alerts.once(Alerts.ROLLOUT_ROLLED_BACK, Alerts.WARNING, restart.service().name(),
                    restart.what() + " failed: " + restart.summary());
            }
            else
            {
                LOG.warn("{} failed: {}", restart.what(), restart.summary());
            }
            answer(restart.requestId(), restart.ok(), restart.summary());
        }
        return restarts.size() < before;
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
