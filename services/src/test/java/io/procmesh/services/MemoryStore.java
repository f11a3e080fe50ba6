package io.procmesh.services;

import io.procmesh.core.store.KeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * An in-memory {@link KeyValueStore} for in-process tests of the services' logic.
 */
public final class MemoryStore<T> implements KeyValueStore<T>
{
    private final Map<String, T> documents = new ConcurrentHashMap<>();

    @Override
    public T get(final String id)
    {
        return documents.get(id);
    }

    @Override
    public T putIfAbsent(final String id, final T value)
    {
        return documents.putIfAbsent(id, value);
    }

    @Override
    public void put(final String id, final T value)
    {
        documents.put(id, value);
    }

    @Override
    public List<T> find(final Predicate<T> filter)
    {
        final List<T> found = new ArrayList<>();
        documents.values().forEach(document ->
        {
            if (filter.test(document))
            {
                found.add(document);
            }
        });
        return found;
    }

    @Override
    public T remove(final String id)
    {
        return documents.remove(id);
    }

    @Override
    public int size()
    {
        return documents.size();
    }
}
