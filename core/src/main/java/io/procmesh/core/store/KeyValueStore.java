package io.procmesh.core.store;

import java.util.List;
import java.util.function.Predicate;

/**
 * What a service needs of its durable store: values by string key, with put-if-absent for idempotent writes.
 * {@link ChronicleStore} is the durable one a service gets from
 * {@link io.procmesh.core.service.ServiceContext#store}; services take this interface rather than the class, so
 * their logic runs in-process against a map in tests.
 */
public interface KeyValueStore<V>
{
    /**
     * @return the value stored under the key, or null.
     */
    V get(String key);

    /**
     * @return the value already stored under the key, or null if this call stored the new one.
     */
    V putIfAbsent(String key, V value);

    void put(String key, V value);

    /**
     * @return the value that was stored under the key, or null.
     */
    V remove(String key);

    /**
     * @return every value the filter accepts, in no particular order. It reads the whole store: fine for the
     * small stores of a service's own state, not an index.
     */
    List<V> find(Predicate<V> filter);

    int size();
}
