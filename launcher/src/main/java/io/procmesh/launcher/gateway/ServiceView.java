package io.procmesh.launcher.gateway;

/**
 * One service's health at a refresh.
 *
 * @param service       the service name.
 * @param state         UP when at least one instance is live; otherwise the most hopeful state among its
 *                      instances (STARTING, DRAINING, UNRESPONSIVE), or DOWN.
 * @param liveInstances instances UP with a fresh heartbeat.
 * @param instances     instances registered under this name, live or not.
 * @param required      whether /health requires it.
 * @param servesCalls   one of its entries advertised an inbox since the gateway started: a service, not a plain
 *                      client (clients register with no inbox, one entry per process).
 */
record ServiceView(String service, String state, int liveInstances, int instances, boolean required,
    boolean servesCalls)
{
    boolean isUp()
    {
        return liveInstances > 0;
    }
}
