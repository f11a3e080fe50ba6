package io.procmesh.services.order;

public record Order(String id, String userId, String item, int quantity, String status, long createdAtMs)
{
    public static final String CREATED = "CREATED";
}
