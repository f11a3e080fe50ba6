package io.procmesh.services.store;

import java.util.List;
import java.util.function.Predicate;

/**
 * What a demo service needs of its store: documents by id, with put-if-absent for idempotent writes. The services
 * take this rather than {@link JsonStore}, so their logic runs in-process against a map in tests.
 */
public interface DocumentStore<T>
{
    /**
     * @return the document stored under the id, or null.
     */
    T get(String id);

    /**
     * @return the value already stored under the id, or null if this call stored the new one.
     */
    T putIfAbsent(String id, T value);

    void put(String id, T value);

    /**
     * @return every document the filter accepts, in no particular order.
     */
    List<T> find(Predicate<T> filter);
}
