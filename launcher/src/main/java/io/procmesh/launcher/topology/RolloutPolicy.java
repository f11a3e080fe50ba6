package io.procmesh.launcher.topology;

/**
 * How `procmesh rollout` judges each new instance of a service before it drains the old one: the topology's
 * {@code rollout: {soakMs, maxErrorRate}}, with defaults from the launcher settings.
 *
 * @param soakMs       how long a new instance serves beside the old one, watched, before the old one drains.
 * @param maxErrorRate the share of its calls (errors over requests in, from its registry slot) above which the
 *                     rollout rolls back; 0 to 1.
 */
public record RolloutPolicy(long soakMs, double maxErrorRate)
{
}
