package io.procmesh.core.service;

import io.procmesh.core.Procmesh;
import io.procmesh.core.event.EventPublisher;
import io.procmesh.core.test.Await;
import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.EchoService;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TopicTest
{
    record Shipped(String orderId)
    {
    }

    @Test
    void shouldDeliverEventsPublishedWhileTheSubscriberWasDownOnceEach() throws Exception
    {
        final Path dir = TestDirectories.create("topic");
        final List<String> received = new CopyOnWriteArrayList<>();
        try (Procmesh publisherMesh = Procmesh.connect(new Procmesh.Context().dataDir(dir).instanceId("pub-1")))
        {
            final EventPublisher publisher = publisherMesh.publisher("shipping");
            publisher.publish(new Shipped("o-1"));
            publisher.publish(new Shipped("o-2"));

            runSubscriber(dir, received, 2);
            assertEquals(List.of("o-1", "o-2"), received);

            publisher.publish(new Shipped("o-3"));
            runSubscriber(dir, received, 3);
            assertEquals(List.of("o-1", "o-2", "o-3"), received);
        }
    }

    private static void runSubscriber(final Path dir, final List<String> received, final int expected)
    {
        try (Procmesh mesh = Procmesh.connect(new Procmesh.Context()
                 .dataDir(dir).serviceName("audit").instanceId("audit-1"));
             ServiceHost host = ServiceHost.launch(new ServiceHost.Context()
                 .mesh(mesh)
                 .handler(EchoApi.class, new EchoService(dir.resolve("unused.txt")))
                 .subscribe("shipping", Shipped.class, event -> received.add(event.orderId()))))
        {
            Await.until(() -> received.size() >= expected, Duration.ofSeconds(10), "events not received");
        }
    }
}
