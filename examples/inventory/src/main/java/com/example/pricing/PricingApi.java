package com.example.pricing;

/**
 * Prices an order line.
 */
public interface PricingApi
{
    /**
     * @return the price of {@code qty} units of {@code sku}, in cents.
     */
    long quote(String sku, int qty);
}
