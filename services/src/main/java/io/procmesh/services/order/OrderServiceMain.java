package io.procmesh.services.order;

import io.procmesh.core.service.ServiceMain;

/**
 * Runs {@link OrderService} as service {@value OrderApi#SERVICE} through core's {@link ServiceMain}, for
 * topologies and tests that still name a {@code mainClass}. A topology that gives {@code api:} and
 * {@code implementation:} needs no main; delete this once nothing names it.
 */
public final class OrderServiceMain
{
    private OrderServiceMain()
    {
    }

    public static void main(final String[] args)
    {
        ServiceMain.run(OrderApi.SERVICE, OrderApi.class, OrderService.class);
    }
}
