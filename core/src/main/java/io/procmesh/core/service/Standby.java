package io.procmesh.core.service;

import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.channel.Queues;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.InstanceStatus;
import io.procmesh.core.registry.Liveness;
import io.procmesh.core.registry.Registry;
import io.procmesh.core.rpc.JsonPayloads;
import io.procmesh.core.rpc.Partition;
import io.procmesh.core.store.ChronicleStore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A hot standby's watch over its primary (docs/operations.md, "Hot standby"). It maps the registry, waits until the
 * primary serves (or finds it killed before it was ready to watch: it then takes over at once), writes its own pid
 * into the primary's slot ({@code standbyPid}: callers then wait for the take-over instead of failing their calls),
 * opens ahead the files the instance will use, and blocks on the instance's lock file. The kernel wakes it when the
 * primary dies (or stops: it lets the lock go last); it then marks the slot DOWN, as the lock proves it, and returns
 * holding the lock. Registration under the instance id, the inbox at its handled mark and UP follow in
 * {@link ServiceMain}, exactly as a restart of the instance would run them, but on files already mapped.
 * <p>
 * Opened ahead, while the primary serves: the registry (the watch's own), the inbox, the instance's reply queue, the
 * topics and stores the rehearsal used, and the reply queues of the live instances that may call it, looked for
 * again every {@link #CALLERS_REFRESH_MS} ms. Each open in the take-over takes its file's mapping
 * ({@link io.procmesh.core.config.OpenedAhead}); the reply queue of a caller that never calls stays mapped until
 * this process stops.
 */
final class Standby implements AutoCloseable
{
    static final long CALLERS_REFRESH_MS = 1_000;
    private static final long WATCH_POLL_NS = TimeUnit.MILLISECONDS.toNanos(20);
    private final DataDirectory dirs;
    private final Registry registry;
    private final InstanceSlot slot;
    private final String instanceId;
    private final ErrorHandler errorHandler;
    private final Set<String> callersOpened = new HashSet<>();
    private Thread callerWatch;
    private long callersScannedGeneration = Long.MIN_VALUE;
    private JsonPayloads json;
    private InstanceLock lock;
    private long primaryPid;
    private long wokenNs;
    private long registeredNs;
    private long builtNs;
    private boolean registryHandedOver;

    private Standby(final DataDirectory dirs, final Registry registry, final InstanceSlot slot,
        final String instanceId, final ErrorHandler errorHandler)
    {
        this.dirs = dirs;
        this.registry = registry;
        this.slot = slot;
        this.instanceId = instanceId;
        this.errorHandler = errorHandler;
    }

    /**
     * Blocks until the primary of {@code instanceId} serves, then names this process as its standby.
     *
     * @param staleMs      the heartbeat age beyond which a primary does not serve.
     * @param errorHandler gets what fails while the standby waits or closes; the take-over's mesh uses it too
     *                     ({@link #errorHandler()}), so they are counted together.
     */
    static Standby watch(final DataDirectory dirs, final String instanceId, final int maxInstances, final long staleMs,
        final ErrorHandler errorHandler)
    {
        final Registry registry = Registry.open(dirs.registryFile(), maxInstances);
        try
        {
            final long ownPid = ProcessHandle.current().pid();
            final InstanceSlot slot = awaitServingPrimary(registry, instanceId, ownPid, staleMs);
            slot.standbyPid(ownPid);
            System.out.println("STANDBY " + instanceId + " pid " + ownPid + " watching pid " + slot.pid());
            return new Standby(dirs, registry, slot, instanceId, errorHandler);
        }
        catch (final RuntimeException ex)
        {
            registry.close();
            throw ex;
        }
    }

    /**
     * Maps, in the instance's data directory, the queues and stores the take-over will open, then keeps mapping the
     * reply queues of callers as they appear, until {@link #awaitPrimaryDeath}.
     */
    void openAhead(final String service, final JsonPayloads rehearsedJson, final Partition partition,
        final Set<String> topics, final List<ServiceContext.StoreOpened> stores)
    {
        this.json = rehearsedJson;
        Queues.openAhead(dirs.inbox(service, instanceId));
        Queues.openAhead(dirs.replies(instanceId));
        for (final String topic : topics)
        {
            Queues.openAhead(dirs.topic(topic));
        }
        for (final ServiceContext.StoreOpened store : stores)
        {
            ChronicleStore.openAhead(ServiceContext.storeFile(dirs, service, partition, store.name()),
                store.options());
        }
        openCallersAhead();
        callerWatch = new Thread(this::watchCallers, "procmesh-standby-callers-" + instanceId);
        callerWatch.setDaemon(true);
        callerWatch.start();
    }

    private void watchCallers()
    {
        while (!Thread.currentThread().isInterrupted())
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(CALLERS_REFRESH_MS));
            if (!Thread.currentThread().isInterrupted())
            {
                try
                {
                    openCallersAhead();
                }
                catch (final RuntimeException ex)
                {
                    // A caller's queue that cannot be mapped now is opened by its first reply, as without a standby.
                    errorHandler.onError(new IllegalStateException("standby: cannot open callers' reply queues ahead",
                        ex));
                }
            }
        }
    }

    /**
     * Any live instance may call this one; a reply queue is mapped for each, up to the number a host keeps open.
     */
    private void openCallersAhead()
    {
        // Read before the scan, so a registration during it is seen by the next refresh. An unchanged generation
        // means no instance registered, advertised or was removed, so no new caller: the scan copies every entry
        // under segment read locks, and a standby killed inside one would wedge the registry for every writer.
        final long generation = registry.generation();
        if (generation == callersScannedGeneration)
        {
            return;
        }
        final List<String> callers = new ArrayList<>();
        for (final InstanceSnapshot instance : registry.snapshot())
        {
            if (instance.pid() > 0 && instance.status() != InstanceStatus.DOWN &&
                !instance.instanceId().equals(instanceId) && !callersOpened.contains(instance.instanceId()) &&
                isAlive(instance.pid()))
            {
                callers.add(instance.instanceId());
            }
        }
        for (final String caller : callers)
        {
            if (callersOpened.size() >= ReplyChannels.DEFAULT_MAX_OPEN)
            {
                break;
            }
            Queues.openAhead(dirs.replies(caller));
            callersOpened.add(caller);
        }
        // Only once every caller found was opened: one whose open threw is tried again at the next refresh.
        callersScannedGeneration = generation;
    }

    private static InstanceSlot awaitServingPrimary(final Registry registry, final String instanceId,
        final long ownPid, final long staleMs)
    {
        final long staleNs = TimeUnit.MILLISECONDS.toNanos(staleMs);
        while (true)
        {
            final InstanceSlot slot = registry.attach(instanceId);
            if (slot != null && slot.pid() > 0 && slot.pid() != ownPid)
            {
                if (isAlive(slot.pid()) ? Liveness.isLive(slot, System.nanoTime(), staleNs) :
                    slot.status() != InstanceStatus.DOWN)
                {
                    // Serving, or killed before this standby was ready to watch it: the lock is free, take over.
                    return slot;
                }
            }
            LockSupport.parkNanos(WATCH_POLL_NS);
            if (Thread.interrupted())
            {
                throw new IllegalStateException("interrupted while waiting for the primary of " + instanceId);
            }
        }
    }

    /**
     * Blocks until the primary is gone and this process holds the instance's lock; the registry is then handed to
     * the take-over's connect.
     */
    void awaitPrimaryDeath() throws InterruptedException
    {
        lock = InstanceLock.await(dirs.instanceLock(instanceId));
        wokenNs = System.nanoTime();
        stopCallerWatch();
        primaryPid = slot.pid();
        // The primary holds the lock while it serves and lets it go only after its mesh is closed (DOWN), or as its
        // process exits. Its pid may outlive the lock until its parent reaps it, tens of milliseconds on a loaded
        // host, and would hold the registration off as a live holder's: the lock says it is not one.
        if (primaryPid != ProcessHandle.current().pid())
        {
            slot.status(InstanceStatus.DOWN);
        }
        Registry.handOver(registry);
        registryHandedOver = true;
    }

    private void stopCallerWatch() throws InterruptedException
    {
        if (callerWatch != null)
        {
            callerWatch.interrupt();
            callerWatch.join();
            callerWatch = null;
        }
    }

    /**
     * @return the rehearsal's JSON payloads, for the take-over's mesh: their serializers for the api's types are
     * built already, which the first replies would otherwise pay for.
     */
    JsonPayloads json()
    {
        return json;
    }

    /**
     * @return where the standby's errors went, for the take-over's mesh: one count for the instance's process.
     */
    ErrorHandler errorHandler()
    {
        return errorHandler;
    }

    private static boolean isAlive(final long pid)
    {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Called once this process registered under the instance id. The slot keeps naming this process as the standby
     * until it serves ({@link #serving}): callers meanwhile see an instance whose standby is taking over, and queue
     * their calls in its inbox rather than fail them.
     *
     * @return the line to print about the take-over.
     */
    String registered()
    {
        registeredNs = System.nanoTime();
        return "TAKEOVER " + instanceId + " from pid " + primaryPid + " pid " + ProcessHandle.current().pid();
    }

    /**
     * Called once the implementation is built on the instance's stores: the READY line then says how long that took.
     */
    void built()
    {
        builtNs = System.nanoTime();
    }

    /**
     * Called once this process serves the instance (UP): the slot stops naming a standby (the launcher starts the
     * next one, which writes its own pid).
     *
     * @return for the READY line: how long from the kernel waking this standby to now, and where it went.
     */
    String serving(final InstanceSlot servedSlot)
    {
        if (servedSlot.standbyPid() == ProcessHandle.current().pid())
        {
            servedSlot.standbyPid(0);
        }
        final long nowNs = System.nanoTime();
        return " (took over " + millis(nowNs - wokenNs) + " ms after the primary's lock was released: registered " +
            millis(registeredNs - wokenNs) + ", implementation built " + millis(builtNs - registeredNs) +
            ", inbox served " + millis(nowNs - builtNs) + ")";
    }

    private static double millis(final long ns)
    {
        return TimeUnit.NANOSECONDS.toMicros(ns) / 1000.0;
    }

    /**
     * What was opened ahead and never taken, then the lock last: it says this process serves the instance until it
     * stops.
     */
    @Override
    public void close() throws Exception
    {
        stopCallerWatch();
        final Consumer<Exception> onFailure = failure -> errorHandler.onError(
            new IllegalStateException("standby: closing what was opened ahead", failure));
        Queues.closeUntakenAhead(onFailure);
        ChronicleStore.closeUntakenAhead(onFailure);
        if (registryHandedOver)
        {
            Registry.closeUntakenAhead(onFailure);
        }
        else
        {
            registry.close();
        }
        if (lock != null)
        {
            lock.close();
        }
    }
}
