package io.procmesh.launcher.gateway;

import io.procmesh.core.config.Configuration;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceState;
import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.registry.Liveness;
import io.procmesh.core.registry.Registration;
import io.procmesh.core.registry.Registry;
import io.procmesh.core.registry.RegistryReader;
import io.procmesh.core.test.DelegatingRegistryReader;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 item 18e: a registry scan that fails part way must not hide the instances it did not reach. Issue 10
 * item 2: the gateway's view of liveness is the callers'.
 */
class RegistryViewTest
{
    private final Registry registry = Registry.open(TestDirectories.create("registry-view").resolve("registry.cm"), 16);
    private final List<Throwable> errors = new ArrayList<>();

    @AfterEach
    void close()
    {
        registry.close();
    }

    @Test
    void shouldScanAgainAfterAScanThatFailedPartWay()
    {
        for (final String instanceId : List.of("svc-1", "svc-2", "svc-3"))
        {
            final InstanceSlot slot = registry.register(new Registration("svc", instanceId, "1", 4242, "", ""));
            slot.heartbeat(System.nanoTime());
            slot.status(InstanceStatus.UP);
        }
        final FailingOnce entries = new FailingOnce(registry, "svc-2");
        final RegistryView view = new RegistryView(entries, 60_000, List.of(), errors::add);

        view.refresh();
        assertEquals(1, errors.size(), "the injected attach failure reached the error handler");

        view.refresh();
        assertEquals(List.of("svc-1", "svc-2", "svc-3"), instanceIds(view), "the failed scan was run again");
        assertEquals(3, view.current().services().get("svc").liveInstances());
        assertEquals(1, errors.size());
    }

    /**
     * Issue 10 item 2: the gateway judges an instance by the same rule and setting as callers. With its own 1 s
     * timeout, it answered 503 for an instance 1.0-1.5 s silent while callers (1.5 s) still sent to it.
     */
    @Test
    void shouldJudgeAnInstanceLiveExactlyWhenCallersDo()
    {
        final long staleMs = Configuration.instanceStaleMs();
        final InstanceSlot slot = registry.register(new Registration("svc", "svc-1", "1", 4242, "", ""));
        slot.status(InstanceStatus.UP);
        final RegistryView view = new RegistryView(RegistryReader.of(registry), staleMs, List.of(),
            errors::add);
        for (final long silentMs : new long[]{0, 900, 1_200, staleMs - 100, staleMs + 200, 3_000})
        {
            final long nowNs = System.nanoTime();
            slot.heartbeat(nowNs - TimeUnit.MILLISECONDS.toNanos(silentMs));
            view.refresh();
            final boolean callersSend =
                Liveness.isLive(slot, System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(staleMs));
            assertEquals(callersSend, view.current().services().get("svc").liveInstances() == 1,
                "silent " + silentMs + " ms: callers send " + callersSend);
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }

    /**
     * Issue 10: the gateway prints core's one instance-state vocabulary ({@link InstanceState#observed}), the words
     * {@code status} uses without a launcher.
     */
    @Test
    void shouldNameInstancesAndServicesInCoresVocabulary()
    {
        final long staleMs = 1_000;
        final InstanceSlot slot = registry.register(new Registration("svc", "svc-1", "1", 4242, "", ""));
        final RegistryView view = new RegistryView(RegistryReader.of(registry), staleMs, List.of(), errors::add);
        final long staleNs = TimeUnit.MILLISECONDS.toNanos(staleMs * 3);
        final Object[][] cases = {
            {InstanceStatus.UP, 0L, InstanceState.UP},
            {InstanceStatus.UP, staleNs, InstanceState.UNRESPONSIVE},
            {InstanceStatus.STARTING, 0L, InstanceState.STARTING},
            {InstanceStatus.STARTING, staleNs, InstanceState.UNRESPONSIVE},
            {InstanceStatus.DRAINING, 0L, InstanceState.DRAINING},
            {InstanceStatus.DOWN, staleNs, InstanceState.DOWN},
        };
        for (final Object[] c : cases)
        {
            slot.status((InstanceStatus)c[0]);
            slot.heartbeat(System.nanoTime() - (long)c[1]);
            view.refresh();
            final String what = c[0] + (((long)c[1]) > 0 ? ", silent" : ", beating");
            assertEquals(c[2], view.current().instances().get(0).state(), what);
            assertEquals(((InstanceState)c[2]).name(), view.current().services().get("svc").state(), what);
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }

    private static List<String> instanceIds(final RegistryView view)
    {
        return view.current().instances().stream().map(InstanceView::instanceId).toList();
    }

    /**
     * The real registry, except that attaching one instance throws the first time, as an attach under a wedged
     * segment lock does.
     */
    private static final class FailingOnce extends DelegatingRegistryReader
    {
        private final String failingId;
        private boolean failed;

        FailingOnce(final Registry registry, final String failingId)
        {
            super(RegistryReader.of(registry));
            this.failingId = failingId;
        }

        @Override
        public InstanceSlot attach(final String instanceId)
        {
            if (!failed && instanceId.equals(failingId))
            {
                failed = true;
                throw new IllegalStateException("injected: attach of " + instanceId + " failed");
            }
            return super.attach(instanceId);
        }
    }
}
