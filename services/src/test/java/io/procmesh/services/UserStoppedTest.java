package io.procmesh.services;

import io.procmesh.core.Procmesh;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.Signals;
import io.procmesh.core.test.TestDirectories;
import io.procmesh.services.notification.Notification;
import io.procmesh.services.notification.NotificationApi;
import io.procmesh.services.notification.NotificationServiceMain;
import io.procmesh.services.order.CreateOrderRequest;
import io.procmesh.services.order.Order;
import io.procmesh.services.order.OrderApi;
import io.procmesh.services.order.OrderServiceMain;
import io.procmesh.services.user.CreateUserRequest;
import io.procmesh.services.user.User;
import io.procmesh.services.user.UserApi;
import io.procmesh.services.user.UserServiceMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11: a call from one service to another never blocks the caller's read loop. With the user service
 * SIGSTOPped, order creates (which ask it) wait, and the order service still answers what does not need it; once
 * the user service resumes, the waiting creates complete and their events reach the notification service. Real
 * JVMs; the stopped one is continued and every child killed by pid in tearDown.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class UserStoppedTest
{
    private final Path dataDir = TestDirectories.create("user-stopped");
    private final List<ChildJvm> children = new ArrayList<>();
    private Procmesh mesh;
    private ChildJvm user;

    @AfterEach
    void tearDown()
    {
        if (user != null)
        {
            Signals.send(user.pid(), "CONT");
        }
        if (mesh != null)
        {
            mesh.close();
        }
        children.forEach(ChildJvm::close);
    }

    private ChildJvm start(final Class<?> main, final String instanceId, final String... properties)
    {
        final List<String> options = new ArrayList<>(List.of("-Dprocmesh.dataDir=" + dataDir,
            "-Dprocmesh.instanceId=" + instanceId));
        options.addAll(List.of(properties));
        final ChildJvm child = ChildJvm.start(main, dataDir.resolve("logs/" + instanceId + ".log"),
            Duration.ofMinutes(4), options);
        children.add(child);
        child.awaitLogLine("READY " + instanceId, Duration.ofSeconds(90));
        return child;
    }

    @Test
    void shouldServeOrdersThatDoNotNeedTheUserServiceWhileItIsStopped() throws Exception
    {
        user = start(UserServiceMain.class, "user-1");
        // The order service's own call timeout is long, so a create really waits on the stopped user service
        // (its nested call gets the create's remaining budget, 30 s here, capped at this 20 s).
        start(OrderServiceMain.class, "order-1", "-Dprocmesh.defaultDeadlineMs=20000");
        start(NotificationServiceMain.class, "notification-1");
        mesh = Procmesh.connect(new Procmesh.Context().dataDir(dataDir).instanceId("test-client"));
        final UserApi users = mesh.proxy(UserApi.class, UserApi.SERVICE, 10_000);
        final OrderApi orders = mesh.proxy(OrderApi.class, OrderApi.SERVICE, 30_000);
        final OrderApi quickOrders = mesh.proxy(OrderApi.class, OrderApi.SERVICE, 5_000);
        final NotificationApi notifications = mesh.proxy(NotificationApi.class, NotificationApi.SERVICE, 10_000);

        final User ada = users.create(new CreateUserRequest("Ada", "ada@example.com"));
        final Order existing = orders.create(new CreateOrderRequest(ada.id(), "book", 1)).get(30, TimeUnit.SECONDS);

        Signals.require(user.pid(), "STOP");
        final List<CompletableFuture<Order>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            waiting.add(orders.create(new CreateOrderRequest(ada.id(), "pen-" + i, 1)));
        }
        // Each create is in the order service (its request handled) before the checks below.
        Await.until(() -> orderRequestsIn() >= 4, Duration.ofSeconds(20), "the creates did not reach the order service");

        final long startNs = System.nanoTime();
        assertEquals(existing, quickOrders.get(existing.id()));
        assertEquals(List.of(existing), quickOrders.listByUser(ada.id()));
        assertEquals(List.of(existing), quickOrders.list());
        final long servedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        for (final CompletableFuture<Order> create : waiting)
        {
            assertFalse(create.isDone(), "a create finished while the user service was stopped: " + create);
        }

        Signals.require(user.pid(), "CONT");
        final List<String> created = new ArrayList<>();
        for (final CompletableFuture<Order> create : waiting)
        {
            created.add(create.get(30, TimeUnit.SECONDS).id());
        }
        final List<Notification> received = Await.value(() -> notifications.listByUser(ada.id()),
            list -> list.size() >= 4, Duration.ofSeconds(30), "the resumed creates' events were not handled");
        assertTrue(received.stream().map(Notification::orderId).toList().containsAll(created), received.toString());
        assertTrue(servedMs < 5_000, "get and list took " + servedMs + " ms");
    }

    private long orderRequestsIn()
    {
        return mesh.registry().snapshot().stream()
            .filter(instance -> instance.instanceId().equals("order-1"))
            .mapToLong(instance -> instance.requestsIn()).sum();
    }
}
