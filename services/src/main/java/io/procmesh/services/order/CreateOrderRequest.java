package io.procmesh.services.order;

public record CreateOrderRequest(String userId, String item, Integer quantity)
{
}
