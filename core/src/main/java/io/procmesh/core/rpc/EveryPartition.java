package io.procmesh.core.rpc;

import io.procmesh.core.message.PayloadFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link AllPartitions} call: the same request to one live instance of each partition, the answers gathered in
 * partition order. Each partition's call is an ordinary call (its own deadline, retry and failure), so a partition
 * without a live instance fails the whole call with that partition's clear error rather than a short answer.
 */
final class EveryPartition
{
    private EveryPartition()
    {
    }

    static <T> CompletableFuture<List<T>> send(
        final RpcClient client,
        final int partitions,
        final String service,
        final String operation,
        final PayloadFormat format,
        final PayloadWriter payloadWriter,
        final ResponseDecoder<T> decoder,
        final long timeoutMs)
    {
        if (partitions == 0)
        {
            return client.send(service, operation, format, payloadWriter, decoder, timeoutMs).thenApply(List::of);
        }
        final List<CompletableFuture<T>> calls = new ArrayList<>(partitions);
        for (int partition = 1; partition <= partitions; partition++)
        {
            calls.add(client.send(service, operation, format, payloadWriter, decoder, timeoutMs,
                PartitionBalancer.route(partition)));
        }
        return CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).handle((ignored, failure) ->
        {
            final List<T> answers = new ArrayList<>(partitions);
            for (final CompletableFuture<T> call : calls)
            {
                // In partition order: the first failed partition's error is the call's, whichever failed first.
                answers.add(call.join());
            }
            return answers;
        });
    }
}
