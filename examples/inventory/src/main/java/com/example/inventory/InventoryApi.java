package com.example.inventory;

import java.util.concurrent.CompletableFuture;

/**
 * What callers of the inventory service see. A plain interface: the gateway's routes and other services' proxies
 * call its methods by name.
 */
public interface InventoryApi
{
    /**
     * @return the units of {@code sku} in stock.
     */
    int stock(String sku);

    /**
     * Takes {@code qty} units of {@code sku} out of stock and prices them. Asynchronous, because it calls the
     * pricing service: the inventory service goes on serving other requests while the quote is on its way.
     */
    CompletableFuture<Reservation> reserve(String sku, int qty);
}
