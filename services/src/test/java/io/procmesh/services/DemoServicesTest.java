package io.procmesh.services;

import io.procmesh.core.Procmesh;
import io.procmesh.core.rpc.FailureCode;
import io.procmesh.core.rpc.RemoteServiceException;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.service.ServiceMain;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.TestDirectories;
import io.procmesh.services.notification.Notification;
import io.procmesh.services.notification.NotificationApi;
import io.procmesh.services.notification.NotificationService;
import io.procmesh.services.order.CreateOrderRequest;
import io.procmesh.services.order.Order;
import io.procmesh.services.order.OrderApi;
import io.procmesh.services.order.OrderService;
import io.procmesh.services.user.CreateUserRequest;
import io.procmesh.services.user.User;
import io.procmesh.services.user.UserApi;
import io.procmesh.services.user.UserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DemoServicesTest
{
    private Path dataDir;
    private final List<ChildJvm> children = new ArrayList<>();
    private Procmesh mesh;
    private UserApi users;
    private OrderApi orders;
    private NotificationApi notifications;

    @BeforeEach
    void setUp()
    {
        dataDir = TestDirectories.create("services");
        mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).instanceId("test-client"));
        users = mesh.proxy(UserApi.class, UserApi.SERVICE, 5_000);
        orders = mesh.proxy(OrderApi.class, OrderApi.SERVICE, 5_000);
        notifications = mesh.proxy(NotificationApi.class, NotificationApi.SERVICE, 5_000);
    }

    @AfterEach
    void tearDown()
    {
        mesh.close();
        children.forEach(ChildJvm::close);
    }

    /**
     * Runs the service as the launcher runs an {@code implementation:} service: core's ServiceMain, told the
     * service's name, api and implementation.
     */
    private ChildJvm start(final String service, final Class<?> api, final Class<?> implementation,
        final String instanceId)
    {
        final ChildJvm child = ChildJvm.start(ServiceMain.class, dataDir.resolve("logs/" + instanceId + ".log"),
            Duration.ofMinutes(3),
            List.of("-Dprocmesh.dataDir=" + dataDir, "-Dprocmesh.instanceId=" + instanceId,
                "-D" + Configuration.SERVICE_NAME_PROP_NAME + "=" + service,
                "-D" + Configuration.SERVICE_API_PROP_NAME + "=" + api.getName(),
                "-D" + Configuration.SERVICE_IMPLEMENTATION_PROP_NAME + "=" + implementation.getName()));
        children.add(child);
        child.awaitLogLine("READY " + instanceId, Duration.ofSeconds(60));
        return child;
    }

    private ChildJvm startUser(final String instanceId)
    {
        return start(UserApi.SERVICE, UserApi.class, UserService.class, instanceId);
    }

    private ChildJvm startOrder(final String instanceId)
    {
        return start(OrderApi.SERVICE, OrderApi.class, OrderService.class, instanceId);
    }

    private ChildJvm startNotification(final String instanceId)
    {
        return start(NotificationApi.SERVICE, NotificationApi.class, NotificationService.class, instanceId);
    }

    @Test
    void shouldValidateUsersAndRejectDuplicateEmails()
    {
        startUser("user-1");
        final User ada = users.create(new CreateUserRequest("Ada", "ada@example.com"));
        assertEquals(ada, users.get(ada.id()));
        assertEquals(List.of(ada), users.list());

        assertFailure(FailureCode.INVALID_ARGUMENT, "name", () -> users.create(new CreateUserRequest(" ", "x@y.io")));
        assertFailure(FailureCode.INVALID_ARGUMENT, "email", () -> users.create(new CreateUserRequest("B", "nope")));
        assertFailure(FailureCode.CONFLICT, "email", () -> users.create(new CreateUserRequest("A2", "ADA@example.com")));
        assertFailure(FailureCode.NOT_FOUND, null, () -> users.get("u-missing"));
    }

    @Test
    void shouldCreateOrdersForKnownUsersAndNotifyAsynchronously()
    {
        startUser("user-1");
        startOrder("order-1");
        startNotification("notification-1");

        final User ada = users.create(new CreateUserRequest("Ada", "ada@example.com"));
        final Order order = orders.create(new CreateOrderRequest(ada.id(), "book", 2)).join();
        assertEquals(Order.CREATED, order.status());
        assertEquals(order, orders.get(order.id()));
        assertEquals(List.of(order), orders.listByUser(ada.id()));

        assertFailure(FailureCode.FAILED_PRECONDITION, "userId",
            () -> orders.create(new CreateOrderRequest("u-nobody", "book", 1)).join());
        assertFailure(FailureCode.INVALID_ARGUMENT, "quantity",
            () -> orders.create(new CreateOrderRequest(ada.id(), "book", 0)).join());

        final List<Notification> received = Await.value(() -> notifications.listByUser(ada.id()), list -> list.size() == 1,
            Duration.ofSeconds(15), "no notification");
        assertEquals(order.id(), received.get(0).orderId());
    }

    @Test
    void shouldKeepOrdersWhileNotificationIsDownAndNotifyOnceWhenItReturns()
    {
        startUser("user-1");
        startOrder("order-1");
        final ChildJvm notifier = startNotification("notification-1");
        notifier.signal("TERM");
        notifier.waitForExit(Duration.ofSeconds(15));

        final User ada = users.create(new CreateUserRequest("Ada", "ada@example.com"));
        final List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 5; i++)
        {
            orderIds.add(orders.create(new CreateOrderRequest(ada.id(), "item-" + i, 1)).join().id());
        }

        startNotification("notification-1");
        final List<Notification> received = Await.value(() -> notifications.listByUser(ada.id()), list -> list.size() >= 5,
            Duration.ofSeconds(15), "queued events not handled");
        assertEquals(orderIds, received.stream().map(Notification::orderId).toList());
    }

    @Test
    void shouldLoseNoAcknowledgedWriteWhenKilled()
    {
        ChildJvm user = startUser("user-1");
        final List<User> created = new ArrayList<>();
        for (int i = 0; i < 20; i++)
        {
            created.add(users.create(new CreateUserRequest("user" + i, "user" + i + "@example.com")));
        }
        user.kill9();
        user = startUser("user-1");
        for (final User expected : created)
        {
            assertEquals(expected, users.get(expected.id()));
        }
        assertTrue(user.isAlive());
    }

    /**
     * An async operation's failure arrives wrapped by join().
     */
    private static RemoteServiceException unwrapped(final RuntimeException thrown)
    {
        final Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ?
            thrown.getCause() : thrown;
        return assertInstanceOf(RemoteServiceException.class, cause, thrown.toString());
    }

    private static void assertFailure(final FailureCode code, final String field, final Runnable call)
    {
        final RemoteServiceException error = unwrapped(assertThrows(RuntimeException.class, call::run));
        assertEquals(code, error.code(), error.getMessage());
        if (field != null)
        {
            assertEquals(field, error.field(), error.getMessage());
        }
    }
}
