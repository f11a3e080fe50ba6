/**
 * Publishing events: {@link io.procmesh.core.event.EventPublisher} appends an EVENT envelope to a topic's queue
 * ({@code topics/<topic>/}). Subscribers read topics in {@code service} (TopicReader). Kept apart from
 * {@code service} so that {@code Procmesh}, which hands out publishers, does not import the package that imports it.
 */
package io.procmesh.core.event;
