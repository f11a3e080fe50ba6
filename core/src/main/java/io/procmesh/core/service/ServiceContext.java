package io.procmesh.core.service;

import io.procmesh.core.Procmesh;
import io.procmesh.core.agent.ErrorHandler;
import io.procmesh.core.config.Configuration;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.config.Names;
import io.procmesh.core.event.EventPublisher;
import io.procmesh.core.rpc.Partition;
import io.procmesh.core.store.ChronicleStore;
import io.procmesh.core.store.KeyValueStore;
import io.procmesh.core.store.StoreOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What the platform gives a service implementation: its identity, typed live config, proxies to other services,
 * topic publishers and subscriptions, durable key-value stores and a logger. An implementation's public
 * constructor takes one ({@link ServiceMain} builds it); an implementation that needs none of this takes no
 * argument and imports nothing of procmesh.
 * <pre>
 * public InventoryService(ServiceContext context)
 * {
 *     this.stock = context.store("stock", Integer.class);
 *     this.startingStock = context.config().get("startingStock", Integer.class, 10);
 *     this.pricing = context.proxy(PricingApi.class, "pricing");      // CompletableFuture methods: async
 *     context.subscribe("orders", OrderPlaced.class, this::onOrderPlaced);
 * }
 * </pre>
 * Stores and subscriptions are set up in the constructor: subscriptions are fixed once the service is hosted.
 * {@link #close()} closes the stores; the {@link Procmesh} (publishers, proxies) is closed by its owner after it.
 */
public final class ServiceContext implements AutoCloseable
{
    private final Procmesh mesh;
    private final ServiceConfig config;
    private final Logger logger;
    private final Map<String, EventPublisher> publishers = new LinkedHashMap<>();
    private final Map<String, OpenStore> stores = new LinkedHashMap<>();
    private final List<Subscription<?>> subscriptions = new ArrayList<>();
    private final long configPollNs;
    private final Partition partition = Partition.fromConfiguration();
    private long nextConfigPollNs;
    private boolean hosted;
    private volatile boolean closed;

    private record OpenStore(Class<?> type, ChronicleStore<?> store, StoreOptions options)
    {
    }

    /**
     * A store this context opened, for a standby to open the same one ahead in the instance's data directory.
     */
    record StoreOpened(String name, StoreOptions options)
    {
    }

    private ServiceContext(final Procmesh mesh, final ServiceConfig config)
    {
        this.mesh = mesh;
        this.config = config;
        this.logger = LoggerFactory.getLogger(mesh.context().serviceName());
        this.configPollNs = TimeUnit.MILLISECONDS.toNanos(Configuration.configPollMs());
        this.nextConfigPollNs = System.nanoTime() + configPollNs;
        mesh.onHeartbeat(this::pollConfigIfDue);
    }

    /**
     * A context over a connected mesh; its config's overlay is polled on the mesh's heartbeat thread every
     * {@code procmesh.configPollMs} (250 ms) until {@link #close()}.
     */
    public static ServiceContext create(final Procmesh mesh, final ServiceConfig config)
    {
        return new ServiceContext(mesh, config);
    }

    public String serviceName()
    {
        return mesh.context().serviceName();
    }

    public String instanceId()
    {
        return mesh.context().instanceId();
    }

    public String version()
    {
        return mesh.context().version();
    }

    public ServiceConfig config()
    {
        return config;
    }

    /**
     * @return the partition this instance serves ({@code procmesh.partition} of {@code procmesh.partitions}, set by
     * the launcher for a service with {@code partitions:}), or {@link Partition#NONE}, which owns every key.
     */
    public Partition partition()
    {
        return partition;
    }

    /**
     * A typed proxy to another service. Methods returning {@code CompletableFuture} are asynchronous: the way to
     * call from a handler, so the handler's read loop never waits on the other service.
     */
    public <T> T proxy(final Class<T> api, final String service)
    {
        return mesh.proxy(api, service);
    }

    /**
     * @return the publisher of the topic, one per topic however often asked.
     */
    public synchronized EventPublisher publisher(final String topic)
    {
        return publishers.computeIfAbsent(Names.requireValid("topic", topic), mesh::publisher);
    }

    /**
     * Hands each event of the topic to the consumer on the service's read thread, from where this service's
     * subscription last stopped (events published while it was down included).
     *
     * @throws IllegalStateException once the service is hosted: subscribe from the constructor.
     */
    public synchronized <T> void subscribe(final String topic, final Class<T> eventType, final Consumer<T> consumer)
    {
        if (hosted)
        {
            throw new IllegalStateException("service '" + serviceName() + "' is already hosted: subscribe to '" +
                topic + "' in the implementation's constructor");
        }
        subscriptions.add(new Subscription<>(Names.requireValid("topic", topic), eventType, consumer));
    }

    /**
     * The store named {@code name}, with default sizing ({@link StoreOptions#DEFAULT}) unless the config says
     * otherwise; see {@link #store(String, Class, StoreOptions)}.
     */
    public <V> KeyValueStore<V> store(final String name, final Class<V> type)
    {
        return store(name, type, StoreOptions.DEFAULT);
    }

    /**
     * The service's durable store named {@code name}: {@code <dataDir>/state/<service>/<name>.cm}, values as JSON;
     * for an instance of a partitioned service, {@code <dataDir>/state/<service>/partition-<k>/<name>.cm}.
     * Opened once per name (again: the same store). Config keys {@code store.<name>.maxEntries},
     * {@code store.<name>.averageKeyBytes} and {@code store.<name>.averageValueBytes} override the options; both
     * size a new file only (Chronicle Map keeps the sizing of an existing one).
     */
    public synchronized <V> KeyValueStore<V> store(final String name, final Class<V> type, final StoreOptions options)
    {
        Names.requireValid("store", name);
        final OpenStore open = stores.get(name);
        if (open != null)
        {
            if (open.type() != type)
            {
                throw new IllegalArgumentException("store '" + name + "' of service '" + serviceName() +
                    "' is already open for " + open.type().getName() + ", not " + type.getName());
            }
            @SuppressWarnings("unchecked") final KeyValueStore<V> same = (KeyValueStore<V>)open.store();
            return same;
        }
        final String prefix = "store." + name + ".";
        final StoreOptions sized = new StoreOptions(
            config.get(prefix + "maxEntries", Long.class, options.maxEntries()),
            config.get(prefix + "averageKeyBytes", Integer.class, options.averageKeyBytes()),
            config.get(prefix + "averageValueBytes", Integer.class, options.averageValueBytes()));
        final Path file = storeFile(mesh.context().dataDirectory(), serviceName(), partition, name);
        final ChronicleStore<V> store = ChronicleStore.open(file, type, sized, mesh.context().json().mapper());
        stores.put(name, new OpenStore(type, store, sized));
        return store;
    }

    static Path storeFile(final DataDirectory dirs, final String service, final Partition partition,
        final String name)
    {
        // A partition's stores have a directory of their own: its instance, old or new, always opens the same files.
        return (Configuration.partitionCount() > 0 ? dirs.partitionState(service, partition.index()) :
            dirs.state(service)).resolve(name + ".cm");
    }

    /**
     * @return the stores opened so far, with the options they were opened with.
     */
    synchronized List<StoreOpened> storesOpened()
    {
        final List<StoreOpened> opened = new ArrayList<>(stores.size());
        stores.forEach((name, open) -> opened.add(new StoreOpened(name, open.options())));
        return opened;
    }

    /**
     * @return the topics published to or subscribed to so far.
     */
    synchronized Set<String> topics()
    {
        final Set<String> topics = new LinkedHashSet<>(publishers.keySet());
        for (final Subscription<?> subscription : subscriptions)
        {
            topics.add(subscription.topic());
        }
        return topics;
    }

    public Logger logger()
    {
        return logger;
    }

    public ErrorHandler errorHandler()
    {
        return mesh.context().errorHandler();
    }

    /**
     * Hosts the implementation under its api with the subscriptions made so far, on this context's mesh.
     */
    public synchronized <T> ServiceHost host(final Class<T> api, final T implementation)
    {
        hosted = true;
        final ServiceHost.Context host = new ServiceHost.Context().mesh(mesh).handler(api, implementation);
        for (final Subscription<?> subscription : subscriptions)
        {
            addTo(host, subscription);
        }
        return ServiceHost.launch(host);
    }

    private static <T> void addTo(final ServiceHost.Context host, final Subscription<T> subscription)
    {
        host.subscribe(subscription.topic(), subscription.eventType(), subscription.handler());
    }

    private void pollConfigIfDue()
    {
        final long nowNs = System.nanoTime();
        if (closed || nowNs - nextConfigPollNs < 0)
        {
            return;
        }
        nextConfigPollNs = nowNs + configPollNs;
        try
        {
            config.poll();
        }
        catch (final RuntimeException ex)
        {
            errorHandler().onError(ex);
        }
    }

    /**
     * Stops the config polling and closes the stores, last opened first.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        final List<OpenStore> open = new ArrayList<>(stores.values());
        for (int i = open.size() - 1; i >= 0; i--)
        {
            open.get(i).store().close();
        }
        stores.clear();
    }
}
