package io.procmesh.services.order;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The order service, service name {@value #SERVICE}.
 */
public interface OrderApi
{
    String SERVICE = "order";

    /**
     * Checks the user with the user service, stores the order, then publishes {@link OrderCreated}. Asynchronous:
     * the order service's read loop goes on serving while the user service answers.
     *
     * @throws io.procmesh.core.rpc.ServiceException INVALID_ARGUMENT for a missing field or quantity below 1
     *                                               (thrown at once), FAILED_PRECONDITION for an unknown user (the
     *                                               future's failure).
     */
    CompletableFuture<Order> create(CreateOrderRequest request);

    /**
     * @throws io.procmesh.core.rpc.ServiceException NOT_FOUND for an unknown id.
     */
    Order get(String id);

    List<Order> listByUser(String userId);

    List<Order> list();
}
