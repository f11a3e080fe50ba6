package io.procmesh.services.notification;

import io.procmesh.core.service.ServiceMain;

/**
 * Runs {@link NotificationService} as service {@value NotificationApi#SERVICE} through core's {@link ServiceMain}, for
 * topologies and tests that still name a {@code mainClass}. A topology that gives {@code api:} and
 * {@code implementation:} needs no main; delete this once nothing names it.
 */
public final class NotificationServiceMain
{
    private NotificationServiceMain()
    {
    }

    public static void main(final String[] args)
    {
        ServiceMain.run(NotificationApi.SERVICE, NotificationApi.class, NotificationService.class);
    }
}
