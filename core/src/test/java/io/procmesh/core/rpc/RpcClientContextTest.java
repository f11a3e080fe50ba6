package io.procmesh.core.rpc;

import io.procmesh.core.config.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 10 item 5: a client is built from a Context that concludes once and takes its defaults from configuration.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcClientContextTest
{
    @Test
    void shouldRefuseASecondConclude()
    {
        try (InProcessCaller caller = new InProcessCaller("rpc-client-context"))
        {
            final RpcClient.Context context = new RpcClient.Context()
                .instanceId("caller-1")
                .replyQueue(caller.dirs.replies("caller-1"))
                .registry(caller.registry)
                .slot(caller.callerSlot)
                .errorHandler(caller.errorHandler);
            caller.client = new RpcClient(context);

            final IllegalStateException error = assertThrows(IllegalStateException.class, context::conclude);
            assertEquals("RpcClient.Context is already concluded: conclude() runs once per Context",
                error.getMessage());
            assertThrows(IllegalStateException.class, () -> new RpcClient(context), "one context, one client");
        }
    }

    @Test
    void shouldTakeUnsetSettingsFromConfiguration()
    {
        try (InProcessCaller caller = new InProcessCaller("rpc-client-context"))
        {
            caller.client = new RpcClient(new RpcClient.Context()
                .instanceId("caller-1")
                .replyQueue(caller.dirs.replies("caller-1"))
                .registry(caller.registry)
                .slot(caller.callerSlot));

            assertEquals(Configuration.defaultDeadlineMs(), caller.client.defaultTimeoutMs());
        }
    }

    @Test
    void shouldRequireTheInstanceSlotAndReplyQueue()
    {
        try (InProcessCaller caller = new InProcessCaller("rpc-client-context"))
        {
            assertThrows(NullPointerException.class, () -> new RpcClient.Context()
                .instanceId("caller-1").registry(caller.registry).slot(caller.callerSlot).conclude());
            assertThrows(NullPointerException.class, () -> new RpcClient.Context()
                .instanceId("caller-1").replyQueue(caller.dirs.replies("caller-1")).registry(caller.registry)
                .conclude());
        }
    }
}
