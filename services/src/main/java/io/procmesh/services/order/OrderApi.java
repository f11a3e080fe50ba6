package io.procmesh.services.order;

import java.util.List;

/**
 * The order service, service name {@value #SERVICE}.
 */
public interface OrderApi
{
    String SERVICE = "order";

    /**
     * Checks the user with the user service, stores the order, then publishes {@link OrderCreated}.
     *
     * @throws io.procmesh.core.rpc.ServiceException INVALID_ARGUMENT for a missing field or quantity below 1,
     *                                               FAILED_PRECONDITION for an unknown user.
     */
    Order create(CreateOrderRequest request);

    /**
     * @throws io.procmesh.core.rpc.ServiceException NOT_FOUND for an unknown id.
     */
    Order get(String id);

    List<Order> listByUser(String userId);

    List<Order> list();
}
