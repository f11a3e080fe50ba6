package io.procmesh.core.test;

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

    Sum add(Pair pair);

    record Pair(int a, int b)
    {
    }

    record Sum(int value)
    {
    }
}
