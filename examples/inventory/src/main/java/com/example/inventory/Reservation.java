package com.example.inventory;

/**
 * A reservation made: what was taken, what is left, and its price.
 */
public record Reservation(String sku, int qty, int remaining, long priceCents)
{
}
