package io.procmesh.services.order;

/**
 * Published on topic {@value #TOPIC} once an order is stored.
 */
public record OrderCreated(String orderId, String userId, String item, int quantity)
{
    public static final String TOPIC = "orders";
}
