package io.procmesh.services.order;

import io.procmesh.core.rpc.FailureCode;
import io.procmesh.core.rpc.RemoteServiceException;
import io.procmesh.core.rpc.ServiceException;
import io.procmesh.services.ServedRequest.ManualClock;
import io.procmesh.services.MemoryStore;
import io.procmesh.services.user.CreateUserRequest;
import io.procmesh.services.user.User;
import io.procmesh.services.user.UserApi;
import io.procmesh.services.user.UserAsyncApi;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static io.procmesh.services.ServedRequest.serve;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OrderService's logic in-process: a fake user service (its futures already complete), a map for the store, a list
 * for the published events.
 */
class OrderServiceTest
{
    private final FakeUsers users = new FakeUsers();
    private final MemoryStore<Order> orders = new MemoryStore<>();
    private final List<OrderCreated> published = new ArrayList<>();
    private final ManualClock clock = new ManualClock(1_000L);
    private final OrderService service = new OrderService(orders, users, published::add, clock);

    @Test
    void shouldStoreTheOrderThenPublishItsEvent()
    {
        final Order order = create(0x1f, new CreateOrderRequest("u-1", "book", 2));

        assertEquals(new Order("o-1f", "u-1", "book", 2, Order.CREATED, 1_000L), order);
        assertEquals(order, service.get("o-1f"));
        assertEquals(List.of(new OrderCreated("o-1f", "u-1", "book", 2)), published);
    }

    @Test
    void shouldStoreAndPublishOnceWhenTheSameRequestIsHandledAgain()
    {
        final Order first = create(4, new CreateOrderRequest("u-1", "book", 1));
        clock.advanceMs(10);
        final Order again = create(4, new CreateOrderRequest("u-1", "book", 1));

        assertEquals(first, again);
        assertEquals(1, orders.size());
        assertEquals(1, published.size());
    }

    @Test
    void shouldRefuseAnOrderForAnUnknownUserWithoutStoringOrPublishing()
    {
        final ServiceException refused = assertThrows(ServiceException.class,
            () -> create(5, new CreateOrderRequest("u-404", "book", 1)));

        assertEquals(FailureCode.FAILED_PRECONDITION, refused.code());
        assertEquals("userId", refused.field());
        assertEquals(0, orders.size());
        assertTrue(published.isEmpty());
    }

    @Test
    void shouldPassOnAFailureOfTheUserServiceOtherThanNotFound()
    {
        final RemoteServiceException unavailable = new RemoteServiceException(
            UserApi.SERVICE, "get", FailureCode.UNAVAILABLE, null, "ServiceUnavailableException", "no UP instance");
        users.failWith = unavailable;

        final RemoteServiceException thrown = assertThrows(RemoteServiceException.class,
            () -> create(6, new CreateOrderRequest("u-1", "book", 1)));

        assertSame(unavailable, thrown);
        assertEquals(0, orders.size());
        assertTrue(published.isEmpty());
    }

    @Test
    void shouldNameTheFieldOfAnInvalidRequestBeforeCallingTheUserService()
    {
        assertInvalid("quantity", new CreateOrderRequest("u-1", "book", null));
        assertInvalid("quantity", new CreateOrderRequest("u-1", "book", 0));
        assertInvalid("item", new CreateOrderRequest("u-1", "", 1));
        assertInvalid("userId", new CreateOrderRequest(null, "book", 1));
        assertInvalid("body", null);
        assertEquals(0, users.calls);
    }

    @Test
    void shouldListOneUsersOrdersOldestFirst()
    {
        create(0x2, new CreateOrderRequest("u-2", "pen", 1));
        clock.advanceMs(1);
        create(0x3, new CreateOrderRequest("u-1", "ink", 1));
        create(0x1, new CreateOrderRequest("u-1", "book", 1));

        assertEquals(List.of("o-1", "o-3"), service.listByUser("u-1").stream().map(Order::id).toList());
        assertEquals(List.of("o-2", "o-1", "o-3"), service.list().stream().map(Order::id).toList());
        assertEquals(FailureCode.NOT_FOUND, assertThrows(ServiceException.class, () -> service.get("o-9")).code());
    }

    /**
     * Serves create as the dispatcher would and waits for its future: a failure arrives as the handler's own
     * exception, as the dispatcher unwraps it for the reply.
     */
    private Order create(final long messageId, final CreateOrderRequest request)
    {
        final CompletableFuture<Order> future = serve(messageId, () -> service.create(request));
        try
        {
            return future.join();
        }
        catch (final CompletionException ex)
        {
            throw (RuntimeException)ex.getCause();
        }
    }

    private void assertInvalid(final String field, final CreateOrderRequest request)
    {
        final ServiceException refused = assertThrows(ServiceException.class,
            () -> create(8, request));
        assertEquals(FailureCode.INVALID_ARGUMENT, refused.code());
        assertEquals(field, refused.field());
    }

    /**
     * The user service as its callers see it: NOT_FOUND as a remote failure, as the proxy reports it.
     */
    private static final class FakeUsers implements UserAsyncApi
    {
        private final Map<String, User> known = Map.of("u-1", new User("u-1", "Ada", "ada@example.com", 1L),
            "u-2", new User("u-2", "Bob", "bob@example.com", 2L));
        private RemoteServiceException failWith;
        private int calls;

        @Override
        public CompletableFuture<User> create(final CreateUserRequest request)
        {
            throw new UnsupportedOperationException("the order service never creates users");
        }

        @Override
        public CompletableFuture<User> get(final String id)
        {
            calls++;
            if (failWith != null)
            {
                return CompletableFuture.failedFuture(failWith);
            }
            final User user = known.get(id);
            if (user == null)
            {
                return CompletableFuture.failedFuture(new RemoteServiceException(UserApi.SERVICE, "get",
                    FailureCode.NOT_FOUND, null, "ServiceException", "user '" + id + "' does not exist"));
            }
            return CompletableFuture.completedFuture(user);
        }

        @Override
        public CompletableFuture<List<User>> list()
        {
            return CompletableFuture.completedFuture(List.copyOf(known.values()));
        }
    }
}
