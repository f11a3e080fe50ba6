package io.procmesh.services.notification;

public record Notification(String id, String orderId, String userId, String message, long createdAtMs)
{
}
