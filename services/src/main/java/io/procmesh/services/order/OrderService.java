package io.procmesh.services.order;

import io.procmesh.core.rpc.FailureCode;
import io.procmesh.core.rpc.RemoteServiceException;
import io.procmesh.core.rpc.RequestContext;
import io.procmesh.core.rpc.ServiceException;
import io.procmesh.core.service.ServiceContext;
import io.procmesh.core.store.KeyValueStore;
import io.procmesh.core.store.StoreOptions;
import io.procmesh.services.Validation;
import io.procmesh.services.user.UserApi;
import io.procmesh.services.user.UserAsyncApi;

import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Orders keyed by an id derived from the request's message id. The event is published after the order is
 * stored; if the process dies between the two, the order exists without its event, and the caller got no reply.
 * <p>
 * {@link #create} asks the user service through an async proxy and returns at once: its read loop serves other
 * requests and events while the user service answers (or is stopped), and the reply goes out when the future
 * completes.
 */
public final class OrderService implements OrderApi
{
    private final KeyValueStore<Order> orders;
    private final UserAsyncApi users;
    private final Consumer<OrderCreated> events;
    private final InstantSource clock;

    /**
     * The deployed service: store {@code orders}, the user service through a proxy, events to
     * {@link OrderCreated#TOPIC}.
     */
    public OrderService(final ServiceContext context)
    {
        this(context.store("orders", Order.class, StoreOptions.of(200_000, 192)),
            context.proxy(UserAsyncApi.class, UserApi.SERVICE),
            context.publisher(OrderCreated.TOPIC)::publish,
            InstantSource.system());
    }

    /**
     * For in-process tests.
     *
     * @param events publishes an {@link OrderCreated} (in a deployment, to the {@link OrderCreated#TOPIC} topic).
     */
    public OrderService(
        final KeyValueStore<Order> orders,
        final UserAsyncApi users,
        final Consumer<OrderCreated> events,
        final InstantSource clock)
    {
        this.orders = orders;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Order> create(final CreateOrderRequest request)
    {
        Validation.requireRequest(request);
        final String userId = Validation.requireText("userId", request.userId());
        final String item = Validation.requireText("item", request.item());
        if (request.quantity() == null)
        {
            throw ServiceException.invalid("quantity", "'quantity' is required");
        }
        if (request.quantity() < 1)
        {
            throw ServiceException.invalid("quantity", "'quantity' must be at least 1, was " + request.quantity());
        }
        // Taken now: the id must come from this request whichever thread runs the continuation.
        final String id = "o-" + Long.toHexString(RequestContext.current().messageId());
        final int quantity = request.quantity();
        return users.get(userId).handle((user, error) -> storeForKnownUser(id, userId, item, quantity, error));
    }

    private Order storeForKnownUser(
        final String id, final String userId, final String item, final int quantity, final Throwable lookupError)
    {
        if (lookupError != null)
        {
            final Throwable cause = lookupError instanceof CompletionException && lookupError.getCause() != null ?
                lookupError.getCause() : lookupError;
            if (cause instanceof RemoteServiceException remote && remote.code() == FailureCode.NOT_FOUND)
            {
                throw ServiceException.failedPrecondition("userId", "user '" + userId + "' does not exist");
            }
            throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        }
        final Order order = new Order(id, userId, item, quantity, Order.CREATED, clock.millis());
        final Order existing = orders.putIfAbsent(id, order);
        if (existing != null)
        {
            return existing;
        }
        events.accept(new OrderCreated(id, userId, item, order.quantity()));
        return order;
    }

    @Override
    public Order get(final String id)
    {
        final Order order = id == null ? null : orders.get(id);
        if (order == null)
        {
            throw ServiceException.notFound("order '" + id + "' does not exist");
        }
        return order;
    }

    @Override
    public List<Order> listByUser(final String userId)
    {
        final List<Order> found = orders.find(order -> order.userId().equals(userId));
        found.sort(Comparator.comparingLong(Order::createdAtMs).thenComparing(Order::id));
        return found;
    }

    @Override
    public List<Order> list()
    {
        final List<Order> all = orders.find(order -> true);
        all.sort(Comparator.comparingLong(Order::createdAtMs).thenComparing(Order::id));
        return all;
    }
}
