package com.example.inventory;

import java.util.concurrent.CompletableFuture;

/**
 * How the inventory service calls the pricing service: the same operation as {@code PricingApi.quote}, declared
 * returning a future, so the call never blocks the inventory service's read loop.
 */
public interface PricingClient
{
    CompletableFuture<Long> quote(String sku, int qty);
}
