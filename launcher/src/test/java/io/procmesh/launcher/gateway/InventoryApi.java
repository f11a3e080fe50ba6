package io.procmesh.launcher.gateway;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A service api no gateway class knows of, for binding and OpenAPI tests (compiled with -parameters, as the
 * build compiles every module).
 */
public interface InventoryApi
{
    int stock(String sku);

    Reservation reserve(String sku, int qty);

    List<Item> restock(List<Item> items);

    Item find(String sku);

    long count();

    void move(String from, String to, int qty);

    CompletableFuture<Map<String, Integer>> levels(Kind kind, boolean all);

    record Item(String sku, int qty)
    {
    }

    record Reservation(String sku, int qty, long atMs)
    {
    }

    enum Kind
    {
        BOX, PALLET
    }
}
