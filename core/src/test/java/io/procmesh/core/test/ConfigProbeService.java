package io.procmesh.core.test;

import io.procmesh.core.service.ServiceContext;
import io.procmesh.core.store.KeyValueStore;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link ConfigProbeApi} as a plain implementation that {@code ServiceMain} builds with a {@link ServiceContext}.
 */
public final class ConfigProbeService implements ConfigProbeApi
{
    private final ServiceContext context;
    private final KeyValueStore<String> store;
    private final List<String> changes = new CopyOnWriteArrayList<>();

    public ConfigProbeService(final ServiceContext context)
    {
        this.context = context;
        this.store = context.store("probe", String.class);
        context.config().onChange(keys -> changes.add(String.join(",", keys)));
        context.logger().info("probe started with keys {}", context.config().keys());
    }

    @Override
    public String value(final String key)
    {
        final Object value = context.config().get(key, Object.class, null);
        return value == null ? "unset" : value + " (" + context.config().source(key) + ")";
    }

    @Override
    public List<String> changes()
    {
        return List.copyOf(changes);
    }

    @Override
    public String storeRoundTrip(final String key, final String value)
    {
        store.put(key, value);
        return store.get(key);
    }

    @Override
    public String stored(final String key)
    {
        return store.get(key);
    }
}
