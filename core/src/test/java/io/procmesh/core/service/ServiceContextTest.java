package io.procmesh.core.service;

import io.procmesh.core.Procmesh;
import io.procmesh.core.store.KeyValueStore;
import io.procmesh.core.test.EchoApi;
import io.procmesh.core.test.EchoService;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServiceContextTest
{
    record Item(String sku, int count)
    {
    }

    @Test
    void shouldOpenEachStoreOnceUnderTheServicesStateDirectorySizedByConfig() throws IOException
    {
        final Path dir = TestDirectories.create("service-context-store");
        final ServiceConfig config = ServiceConfig.of("inventory", Map.of("store.small.maxEntries", 1_000));
        try (Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(dir).serviceName("inventory")
                 .instanceId("inventory-1").version("1.0.0"));
             ServiceContext context = ServiceContext.create(mesh, config))
        {
            assertEquals("inventory", context.serviceName());
            assertEquals("inventory-1", context.instanceId());
            assertEquals("1.0.0", context.version());
            assertSame(config, context.config());

            final KeyValueStore<Item> items = context.store("items", Item.class);
            assertSame(items, context.store("items", Item.class), "one store per name");
            assertThrows(IllegalArgumentException.class, () -> context.store("items", String.class));
            assertNull(items.putIfAbsent("a", new Item("a", 3)));
            assertEquals(new Item("a", 3), items.putIfAbsent("a", new Item("a", 4)));
            assertEquals(new Item("a", 3), items.remove("a"));
            assertEquals(0, items.size());

            context.store("small", Item.class).put("b", new Item("b", 1));
            final long defaultSize = Files.size(dir.resolve("state/inventory/items.cm"));
            final long smallSize = Files.size(dir.resolve("state/inventory/small.cm"));
            assertTrue(smallSize * 20 < defaultSize, "store.small.maxEntries=1000 sizes the file: " + smallSize +
                " bytes against " + defaultSize + " for the default 100,000 entries");

            assertSame(context.publisher("shipping"), context.publisher("shipping"), "one publisher per topic");
        }
    }

    @Test
    void shouldRefuseASubscriptionOnceTheServiceIsHosted()
    {
        final Path dir = TestDirectories.create("service-context-subscribe");
        try (Procmesh mesh = Procmesh.connect(new Procmesh.Context().dataDir(dir).serviceName("echo")
                 .instanceId("echo-1").upOnConnect(false));
             ServiceContext context = ServiceContext.create(mesh, ServiceConfig.of("echo", Map.of()));
             ServiceHost host = context.host(EchoApi.class, new EchoService(dir.resolve("handled.txt"))))
        {
            final IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> context.subscribe("shipping", String.class, event -> { }));
            assertTrue(error.getMessage().contains("subscribe to 'shipping' in the implementation's constructor"),
                error.getMessage());
        }
    }
}
