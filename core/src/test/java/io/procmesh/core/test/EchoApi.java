package io.procmesh.core.test;

import io.procmesh.core.rpc.Idempotent;

import java.util.concurrent.CompletableFuture;

/**
 * The service the cross-process tests call.
 */
public interface EchoApi
{
    String echo(String text);

    CompletableFuture<String> echoAsync(String text);

    String fail(String message);

    String slow(long millis);

    int record(String token);

    void recordThenCrash(String token);

    /**
     * Pauses 2 ms, then appends the token: replicas under load have calls waiting when one is killed.
     */
    int recordSlowly(String token);

    /**
     * {@link #recordSlowly}, marked {@link Idempotent}: retried on another replica if the first one dies.
     */
    @Idempotent
    int recordIdempotently(String token);

    Sum add(Pair pair);

    /**
     * @return the text repeated: a small request with as large a reply as wanted.
     */
    String repeat(String text, int times);

    /**
     * Creates {@code latchFile + ".entered"}, then blocks until {@code latchFile} exists (at most 60 s), then
     * returns the text: a handler a test holds while it kills and restarts the caller.
     */
    String echoWhenExists(String latchFile, String text);

    record Pair(int a, int b)
    {
    }

    record Sum(int value)
    {
    }
}
