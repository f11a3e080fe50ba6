package io.procmesh.core.service;

import java.util.function.Consumer;

/**
 * A service's interest in a topic: events of one type, handed to one consumer on the service's read thread.
 */
public record Subscription<T>(String topic, Class<T> eventType, Consumer<T> handler)
{
}
