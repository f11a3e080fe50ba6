/**
 * Topics served over HTTP as Server-Sent Events ({@code GET /events/{topic}}): one pump thread reads each open
 * stream's topic from its own position and writes at most one batch per stream at a time, so a slow client holds
 * back only its own reader and the queue, not memory, holds what it has not taken. Each event's id is its index in
 * the topic, so a client that reconnects with {@code Last-Event-ID} resumes after it with no gap.
 */
package io.procmesh.launcher.gateway.events;
