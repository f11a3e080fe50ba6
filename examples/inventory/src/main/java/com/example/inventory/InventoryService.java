package com.example.inventory;

import io.procmesh.core.service.ServiceContext;
import io.procmesh.core.store.KeyValueStore;

import java.util.concurrent.CompletableFuture;

/**
 * Stock per SKU, kept in a durable store that survives kill -9. A SKU never seen starts with the configured
 * {@code startingStock}, which can be changed while the service runs ({@code procmesh config inventory
 * startingStock=20}).
 */
public final class InventoryService implements InventoryApi
{
    private final KeyValueStore<Integer> stock;
    private final PricingClient pricing;
    private volatile int startingStock;

    public InventoryService(final ServiceContext context)
    {
        this.stock = context.store("stock", Integer.class);
        this.pricing = context.proxy(PricingClient.class, "pricing");
        this.startingStock = context.config().get("startingStock", Integer.class, 10);
        context.config().onChange(changedKeys ->
            startingStock = context.config().get("startingStock", Integer.class, 10));
    }

    @Override
    public int stock(final String sku)
    {
        final Integer units = stock.get(sku);
        return units != null ? units : startingStock;
    }

    @Override
    public CompletableFuture<Reservation> reserve(final String sku, final int qty)
    {
        if (qty <= 0)
        {
            throw new IllegalArgumentException("qty must be positive, was " + qty);
        }
        if (qty > stock(sku))
        {
            throw new IllegalStateException("only " + stock(sku) + " of " + sku + " in stock");
        }
        // Stock is taken when the quote arrives. A continuation of a call made in a handler runs on the service's
        // read loop, like the handler itself, so two reservations never interleave their read and write.
        return pricing.quote(sku, qty).thenApply(priceCents ->
        {
            final int remaining = stock(sku) - qty;
            if (remaining < 0)
            {
                throw new IllegalStateException("only " + stock(sku) + " of " + sku + " in stock");
            }
            stock.put(sku, remaining);
            return new Reservation(sku, qty, remaining, priceCents);
        });
    }
}
