package io.procmesh.core.rpc;

import com.fasterxml.jackson.databind.JavaType;
import io.procmesh.core.agent.Agent;
import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.agent.LoggingErrorHandler;
import io.procmesh.core.breaker.BreakerSettings;
import io.procmesh.core.breaker.BreakerTable;
import io.procmesh.core.channel.InboundChannel;
import io.procmesh.core.config.ConcludeOnce;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.Names;
import io.procmesh.core.config.Settings;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.message.PayloadFormat;
import io.procmesh.core.registry.InstanceSlot;
import io.procmesh.core.registry.Registry;
import io.procmesh.core.registry.RegistryReader;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The calling side: sends requests to an UP instance's inbox ({@link RequestSender}) and completes calls from this
 * instance's reply queue. Built from a {@link Context}.
 * <p>
 * As an {@link Agent} it reads replies and fails calls past their deadline ({@link ReplyReader}); the directory
 * refresh runs on the heartbeat thread ({@link #refreshDirectoryIfDue}).
 * A reply with no waiting call (it came after the deadline, or answers a previous incarnation of this instance
 * id) is dropped and counted as late: a reply completes a call only if it carries both the call's correlation id
 * and its request message id (see {@link PendingCalls}).
 * <p>
 * Every call ends: with its reply, an error, a timeout at its deadline (expiry runs even when reading replies
 * fails), or a failure when the client closes. Should the reply reader be stuck, the heartbeat thread fails calls a
 * second past their deadline, and {@link ReusableCall#await} gives up on its own then.
 */
public final class RpcClient implements Agent, AutoCloseable
{
    /**
     * How long after its deadline a call is failed by the heartbeat thread if the reply reader has not expired it.
     */
    static final long STUCK_GRACE_NS = 1_000_000_000L;

    private final String instanceId;
    private final JsonPayloads json;
    private final ServiceDirectory directory;
    private final BalancingPolicies policies;
    private final DeadInstanceSweeper sweeper;
    private final PendingCalls pending;
    private final ReplyReader reader;
    private final RequestSender sender;
    private final long refreshIntervalNs;
    private final long defaultTimeoutMs;
    private volatile long nextRefreshNs;

    /**
     * Concludes the context, opens this instance's reply queue and starts reading it from its end.
     */
    public RpcClient(final Context context)
    {
        context.conclude();
        this.instanceId = context.instanceId;
        this.json = context.json;
        final ErrorHandler errorHandler = context.errorHandler;
        final ReplySource replies = context.replies != null ? context.replies : ReplySource.of(
            InboundChannel.fromEnd(context.replyQueue, context.codec, context.retainCycles, errorHandler));
        this.policies = new BalancingPolicies(context.loadBalancing, context.affinityKeys,
            context.partitions);
        this.directory = new ServiceDirectory(context.registryReader != null ? context.registryReader :
            RegistryReader.of(context.registry), context.codec, context.instanceStaleMs, errorHandler, policies,
            new InstanceSelectors(context.versionRanges, context.metadataFilters));
        // The registration count differs for each incarnation of this instance id: correlation ids of a restarted
        // caller never repeat its predecessor's, whose late replies may still arrive in the same reply queue.
        this.pending = new PendingCalls(context.maxCallsInFlight, context.slot.snapshot().registrations());
        this.reader = new ReplyReader(instanceId, context.slot, json, pending, replies, errorHandler);
        this.sender = new RequestSender(instanceId, context.slot, directory, pending,
            new CallBreakers(context.callerService, context.breakerTable, context.breakers, errorHandler),
            Timeouts.toNanos(context.deadlineMarginMs));
        this.sweeper = new DeadInstanceSweeper(directory, pending, reader, sender, context.slot,
            Timeouts.toNanos(context.instanceStaleMs));
        this.refreshIntervalNs = Timeouts.toNanos(context.discoveryRefreshMs);
        this.defaultTimeoutMs = context.defaultDeadlineMs;
    }

    public long defaultTimeoutMs()
    {
        return defaultTimeoutMs;
    }

    public JsonPayloads json()
    {
        return json;
    }

    /**
     * @return a unique id for an outgoing message.
     */
    public long nextMessageId()
    {
        return sender.nextMessageId();
    }

    /**
     * Calls an operation with a JSON payload built from {@code argument} and decodes the reply as {@code resultType}.
     */
    public <T> CompletableFuture<T> call(
        final String service,
        final String operation,
        final Object argument,
        final JavaType resultType,
        final long timeoutMs)
    {
        return send(service, operation, PayloadFormat.JSON,
            payload -> json.writeUnlessNull(argument, payload),
            response -> json.read(response.payload(), resultType),
            timeoutMs);
    }

    /**
     * @return each called service's load-balancing policy and affinity key, for {@link ServiceProxy}.
     */
    BalancingPolicies policies()
    {
        return policies;
    }

    /**
     * The untyped path for the gateway: JSON text in, JSON text out.
     */
    public CompletableFuture<String> callJson(
        final String service,
        final String operation,
        final String requestJson,
        final long timeoutMs)
    {
        return send(service, operation, PayloadFormat.JSON,
            payload -> payload.write(requestJson.getBytes(StandardCharsets.UTF_8)),
            response -> new String(response.payload().toByteArray(), StandardCharsets.UTF_8),
            timeoutMs);
    }

    /**
     * A call whose caller writes the payload bytes and decodes the reply envelope itself.
     *
     * @throws IllegalArgumentException if the timeout is not positive; a larger one than
     *                                  {@link Timeouts#MAX_TIMEOUT_MS} is capped.
     */
    public <T> CompletableFuture<T> send(
        final String service,
        final String operation,
        final PayloadFormat format,
        final PayloadWriter payloadWriter,
        final ResponseDecoder<T> decoder,
        final long timeoutMs)
    {
        return send(new FutureCall<>(decoder), service, operation, format, payloadWriter, timeoutMs,
            LoadBalancer.NO_KEY);
    }

    /**
     * As the call above, to the instance {@code route} picks: a {@link CallRouting#route}.
     */
    public <T> CompletableFuture<T> send(
        final String service,
        final String operation,
        final PayloadFormat format,
        final PayloadWriter payloadWriter,
        final ResponseDecoder<T> decoder,
        final long timeoutMs,
        final long route)
    {
        return send(new FutureCall<>(decoder), service, operation, format, payloadWriter, timeoutMs, route);
    }

    /**
     * Sends a call built by {@link ServiceProxy}: it may carry an affinity key hash and a payload to retry with.
     */
    <T> CompletableFuture<T> send(
        final FutureCall<T> call,
        final String service,
        final String operation,
        final PayloadFormat format,
        final PayloadWriter payloadWriter,
        final long timeoutMs,
        final long keyHash)
    {
        sender.send(call, service, operation, format, payloadWriter, Timeouts.requireValidMs(timeoutMs), keyHash);
        return call.future;
    }

    /**
     * The allocation-free call: sends {@link ReusableCall#request()} as a RAW payload. Wait with
     * {@link ReusableCall#await}; the reply or failure arrives by the deadline at the latest.
     *
     * @return false if the call could not be sent; {@link ReusableCall#failure()} says why, and the call object
     * takes the next call.
     * @throws IllegalArgumentException if the timeout is not positive.
     * @throws IllegalStateException    if the call object still has a call in flight.
     */
    public boolean invoke(final ReusableCall call, final long timeoutMs)
    {
        final long boundedTimeoutMs = Timeouts.requireValidMs(timeoutMs);
        if (!call.begin(pending))
        {
            throw new IllegalStateException("a ReusableCall takes one call at a time");
        }
        return sender.invoke(call, boundedTimeoutMs);
    }

    /**
     * Reads replies, expires calls past their deadline, and fails (or, if {@link Idempotent}, retries) the calls
     * of an instance found dead.
     */
    @Override
    public int doWork()
    {
        final int work = reader.doWork();
        return work + sweeper.doWork(System.nanoTime());
    }

    /**
     * @return how many reads of the reply queue have failed (each is also reported, at most one a second).
     */
    public long replyReadErrors()
    {
        return reader.readErrors();
    }

    /**
     * Scans the registry for new instances when the refresh interval has passed. Called from the heartbeat thread,
     * so the scan (segment read locks, a copy per entry) never delays a reply. First fails any call more than
     * {@link #STUCK_GRACE_NS} past its deadline, so no call waits on a stuck reply reader without bound.
     */
    public void refreshDirectoryIfDue(final long nowNs)
    {
        // A backstop on another thread, allocation-free: only a stuck reply reader leaves a call this overdue.
        reader.expire(nowNs - STUCK_GRACE_NS);
        if (nowNs - nextRefreshNs >= 0)
        {
            nextRefreshNs = nowNs + refreshIntervalNs;
            directory.refresh();
        }
    }

    @Override
    public String roleName()
    {
        return "procmesh-replies-" + instanceId;
    }

    public int callsInFlight()
    {
        return pending.inFlight();
    }

    @Override
    public void close()
    {
        sender.close();
        directory.close();
        reader.close();
    }

    /**
     * What a client needs: its instance, where replies arrive, the registry to find targets in. Unset settings take
     * their defaults from {@link Configuration}; {@link io.procmesh.core.Procmesh} passes its own.
     */
    public static final class Context
    {
        private final ConcludeOnce concluded = new ConcludeOnce("RpcClient.Context");
        private String instanceId;
        private Path replyQueue;
        private Registry registry;
        private InstanceSlot slot;
        private EnvelopeCodec codec;
        private JsonPayloads json;
        private Integer maxCallsInFlight;
        private Long discoveryRefreshMs;
        private Long defaultDeadlineMs;
        private Long deadlineMarginMs;
        private Integer retainCycles;
        private Long instanceStaleMs;
        private ErrorHandler errorHandler;
        private ReplySource replies;
        private RegistryReader registryReader;
        private final java.util.Map<String, String> loadBalancing = new java.util.HashMap<>();
        private final java.util.Map<String, String> affinityKeys = new java.util.HashMap<>();
        private final java.util.Map<String, Integer> partitions = new java.util.HashMap<>();
        private final java.util.Map<String, String> versionRanges = new java.util.HashMap<>();
        private final java.util.Map<String, String> metadataFilters = new java.util.HashMap<>();
        private final java.util.Map<String, BreakerSettings> breakers = new java.util.HashMap<>();
        private String callerService;
        private BreakerTable breakerTable;

        public Context instanceId(final String instanceId)
        {
            this.instanceId = instanceId;
            return this;
        }

        public Context replyQueue(final Path replyQueue)
        {
            this.replyQueue = replyQueue;
            return this;
        }

        public Context registry(final Registry registry)
        {
            this.registry = registry;
            return this;
        }

        /**
         * @param slot this instance's registry slot: its counters, and its registration count for correlation ids.
         */
        public Context slot(final InstanceSlot slot)
        {
            this.slot = slot;
            return this;
        }

        public Context codec(final EnvelopeCodec codec)
        {
            this.codec = codec;
            return this;
        }

        public Context json(final JsonPayloads json)
        {
            this.json = json;
            return this;
        }

        public Context maxCallsInFlight(final int maxCallsInFlight)
        {
            this.maxCallsInFlight = maxCallsInFlight;
            return this;
        }

        public Context discoveryRefreshMs(final long discoveryRefreshMs)
        {
            this.discoveryRefreshMs = discoveryRefreshMs;
            return this;
        }

        public Context defaultDeadlineMs(final long defaultDeadlineMs)
        {
            this.defaultDeadlineMs = defaultDeadlineMs;
            return this;
        }

        /**
         * @param deadlineMarginMs what a call made inside a handler leaves of the handled request's remaining time.
         */
        public Context deadlineMarginMs(final long deadlineMarginMs)
        {
            this.deadlineMarginMs = deadlineMarginMs;
            return this;
        }

        public Context retainCycles(final int retainCycles)
        {
            this.retainCycles = retainCycles;
            return this;
        }

        public Context instanceStaleMs(final long instanceStaleMs)
        {
            this.instanceStaleMs = instanceStaleMs;
            return this;
        }

        /**
         * Sets a called service's load-balancing policy and affinity key (null if none), over the system properties
         * {@code procmesh.loadBalancing.<service>} and {@code procmesh.affinityKey.<service>}: for an embedding app
         * the launcher did not start. Checked when the client is built.
         */
        public Context loadBalancing(final String service, final String policy, final String affinityKey)
        {
            loadBalancing.put(service, policy);
            if (affinityKey != null)
            {
                affinityKeys.put(service, affinityKey);
            }
            return this;
        }

        /**
         * Over {@code procmesh.partitions.<service>}; needs key-affinity with a key. Checked when the client is built.
         */
        public Context partitions(final String service, final int count)
        {
            partitions.put(service, count);
            return this;
        }

        /**
         * Calls reach only the service's instances whose version is in {@code range} ({@code ^1}, {@code ~1.2},
         * {@code 1.2.3}; {@link VersionRange}), over {@code procmesh.versionRange.<service>}; with none live a call
         * fails UNAVAILABLE naming the range. Checked when the client is built.
         */
        public Context versionRange(final String service, final String range)
        {
            versionRanges.put(service, range);
            return this;
        }

        /**
         * Calls reach only the service's instances whose metadata holds every pair of {@code filter}
         * ({@code role=primary,zone=eu-1}), over {@code procmesh.metadataFilter.<service>}.
         */
        public Context metadataFilter(final String service, final String filter)
        {
            metadataFilters.put(service, filter);
            return this;
        }

        /** The service this client calls as (default: the instance id): its breakers are {@code service->target}. */
        public Context callerService(final String callerService)
        {
            this.callerService = callerService;
            return this;
        }

        /** The shared breaker table; without one, calls go without circuit breakers. */
        public Context breakerTable(final BreakerTable breakerTable)
        {
            this.breakerTable = breakerTable;
            return this;
        }

        /** Breaker settings of the calls to {@code service}, over {@code procmesh.breaker.<service>}. */
        public Context breaker(final String service, final BreakerSettings settings)
        {
            breakers.put(service, Objects.requireNonNull(settings, "settings"));
            return this;
        }

        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        /**
         * Replaces the reply queue: tests inject faults through it.
         */
        Context replies(final ReplySource replies)
        {
            this.replies = replies;
            return this;
        }

        /**
         * Replaces the registry as the directory's source: tests inject faults through it.
         */
        Context registryReader(final RegistryReader registryReader)
        {
            this.registryReader = registryReader;
            return this;
        }

        /**
         * Fills every unset setting from configuration and checks the result. Called by the client's constructor;
         * a second call throws {@link IllegalStateException}.
         */
        public Context conclude()
        {
            concluded.begin();
            Names.requireValid("instance", instanceId);
            Objects.requireNonNull(slot, "RpcClient.Context.slot is required");
            if (replies == null)
            {
                Objects.requireNonNull(replyQueue, "RpcClient.Context.replyQueue is required");
            }
            if (registryReader == null)
            {
                Objects.requireNonNull(registry, "RpcClient.Context.registry is required");
            }
            codec = codec != null ? codec : new EnvelopeCodec(Configuration.maxPayloadBytes());
            json = json != null ? json : new JsonPayloads();
            maxCallsInFlight = maxCallsInFlight != null ? maxCallsInFlight : Configuration.maxCallsInFlight();
            discoveryRefreshMs = Settings.positive(Configuration.DISCOVERY_REFRESH_MS_PROP_NAME,
                discoveryRefreshMs != null ? discoveryRefreshMs : Configuration.discoveryRefreshMs());
            defaultDeadlineMs = Timeouts.requireValidMs(
                defaultDeadlineMs != null ? defaultDeadlineMs : Configuration.defaultDeadlineMs());
            deadlineMarginMs = Settings.nonNegative(Configuration.DEADLINE_MARGIN_MS_PROP_NAME,
                deadlineMarginMs != null ? deadlineMarginMs : Configuration.deadlineMarginMs());
            retainCycles = retainCycles != null ? retainCycles : Configuration.retainCycles();
            instanceStaleMs = Settings.positive(Configuration.INSTANCE_STALE_MS_PROP_NAME,
                instanceStaleMs != null ? instanceStaleMs : Configuration.instanceStaleMs());
            errorHandler = errorHandler != null ? errorHandler : new LoggingErrorHandler(instanceId);
            callerService = callerService != null ? callerService : instanceId;
            return this;
        }
    }
}
