package io.procmesh.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procmesh.core.config.OpenedAhead;
import net.openhft.chronicle.hash.locks.InterProcessLock;
import net.openhft.chronicle.hash.locks.InterProcessReadWriteUpdateLock;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.MapSegmentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Consumer;

/**
 * A service's own durable store: a Chronicle Map of string key to JSON document. Writes go to the memory-mapped file,
 * so a killed process loses nothing it acknowledged.
 * <p>
 * Several live processes may have a store open at once (a hot standby beside its primary, two versions during a
 * rollout); each holds a shared lock on the store's {@link StoreUsers} sidecar for as long as it is open. A user
 * killed inside a write leaves that segment's lock taken; opening then recovers the file, which clears it, but only
 * when no other user is alive (the sidecar lock taken exclusively): recovering under a live user would corrupt what
 * it writes, and a lock held by a live user is not stuck, so with live users the file opens as it is. A previous
 * owner that stopped or was killed between writes leaves every lock free, and the file opens as it is: recovery
 * rebuilds every segment, which took 17 s for the user store on a loaded 2-core host (chaos run) and is most of a
 * restart. The store and its sidecar are made mode 0600.
 */
public final class ChronicleStore<T> implements KeyValueStore<T>, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ChronicleStore.class);
    private static final OpenedAhead<AheadStore> AHEAD = new OpenedAhead<>();
    private final ChronicleMap<CharSequence, CharSequence> map;
    private final Class<T> type;
    private final ObjectMapper mapper;
    private final boolean recovered;
    private final StoreUsers users;

    private ChronicleStore(final Opened opened, final StoreUsers users, final Class<T> type, final ObjectMapper mapper)
    {
        this.map = opened.map;
        this.recovered = opened.recovered;
        this.users = users;
        this.type = type;
        this.mapper = mapper;
    }

    private record Opened(ChronicleMap<CharSequence, CharSequence> map, boolean recovered)
    {
    }

    /**
     * Opens the store in the file, creating it (and its directory) with the options' sizing if it does not exist.
     * A store a standby opened ahead ({@link #openAhead}) is taken instead of being mapped again.
     */
    public static <T> ChronicleStore<T> open(
        final Path file,
        final Class<T> type,
        final StoreOptions options,
        final ObjectMapper mapper)
    {
        final AheadStore ahead = AHEAD.take(file);
        if (ahead != null)
        {
            return new ChronicleStore<>(ahead.takenOver(file, options), ahead.users, type, mapper);
        }
        final StoreUsers.Joined<Opened> joined = join(file, options);
        return new ChronicleStore<>(joined.store(), joined.users(), type, mapper);
    }

    /**
     * For a hot standby: maps the store now, as one more live user beside its primary, so that the take-over's
     * {@link #open} of the file takes it. That open checks the file again once the primary is gone.
     */
    public static void openAhead(final Path file, final StoreOptions options)
    {
        AHEAD.openIfAbsent(file, () ->
        {
            final StoreUsers.Joined<Opened> joined = join(file, options);
            return new AheadStore(joined.store(), joined.users());
        });
    }

    /**
     * Closes the stores opened ahead that no open took.
     *
     * @param onFailure gets each failure to close.
     * @return how many were not taken.
     */
    public static int closeUntakenAhead(final Consumer<Exception> onFailure)
    {
        return AHEAD.closeUntaken(onFailure);
    }

    private static StoreUsers.Joined<Opened> join(final Path file, final StoreOptions options)
    {
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open store " + file + ": " + ex.getMessage(), ex);
        }
        return StoreUsers.join(file, alone -> openOrRecover(file, options, alone));
    }

    private static ChronicleMapBuilder<CharSequence, CharSequence> builder(final Path file, final StoreOptions options)
    {
        return ChronicleMap.of(CharSequence.class, CharSequence.class)
            .name(file.getFileName().toString())
            .entries(options.maxEntries())
            .averageKeySize(options.averageKeyBytes())
            .averageValueSize(options.averageValueBytes())
            .maxBloatFactor(StoreOptions.MAX_BLOAT_FACTOR)
            .skipCloseOnExitHook(true);
    }

    private static Opened openOrRecover(final Path file, final StoreOptions options, final boolean alone)
    {
        try
        {
            final var builder = builder(file, options);
            if (!Files.exists(file))
            {
                final ChronicleMap<CharSequence, CharSequence> created = builder.createPersistedTo(file.toFile());
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                return new Opened(created, false);
            }
            if (!alone)
            {
                // A held segment lock may be a live user's write in progress: never recover under it.
                return new Opened(builder.createPersistedTo(file.toFile()), false);
            }
            final ChronicleMap<CharSequence, CharSequence> asItIs = openIfNoLockIsLeft(builder, file);
            if (asItIs != null)
            {
                return new Opened(asItIs, false);
            }
            return recover(builder, file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open store " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static Opened recover(final ChronicleMapBuilder<CharSequence, CharSequence> builder, final Path file)
        throws IOException
    {
        return new Opened(builder.recoverPersistedTo(file.toFile(), true), true);
    }

    /**
     * @return the map opened as it is, or null if a segment lock is taken (only a dead owner can hold one, this
     * process being the only live user) or the file does not open cleanly: then it needs recovery.
     */
    private static ChronicleMap<CharSequence, CharSequence> openIfNoLockIsLeft(
        final ChronicleMapBuilder<CharSequence, CharSequence> builder, final Path file)
    {
        final ChronicleMap<CharSequence, CharSequence> map;
        try
        {
            map = builder.createPersistedTo(file.toFile());
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.warn("store {} does not open as it is ({}): recovering it", file, ex.toString());
            return null;
        }
        if (aSegmentIsLocked(map, file))
        {
            map.close();
            return null;
        }
        return map;
    }

    private static boolean aSegmentIsLocked(final ChronicleMap<CharSequence, CharSequence> map, final Path file)
    {
        for (int segment = 0, segments = map.segments(); segment < segments; segment++)
        {
            try (MapSegmentContext<CharSequence, CharSequence, ?> context = map.segmentContext(segment))
            {
                final InterProcessLock writeLock = ((InterProcessReadWriteUpdateLock)context).writeLock();
                if (!writeLock.tryLock())
                {
                    LOG.warn("store {}: segment {} is locked by its dead previous owner: recovering it", file, segment);
                    return true;
                }
                writeLock.unlock();
            }
        }
        return false;
    }

    /**
     * A store a standby opened while its primary was alive, so never checked for a dead owner's locks.
     */
    private record AheadStore(Opened opened, StoreUsers users) implements AutoCloseable
    {
        /**
         * The check a first open makes, now that the primary is gone: if this process is the file's only live user
         * and a segment lock is still taken, the primary died inside a write and the file is recovered.
         */
        Opened takenOver(final Path file, final StoreOptions options)
        {
            return users.regate(alone ->
            {
                if (!alone || !aSegmentIsLocked(opened.map, file))
                {
                    return opened;
                }
                opened.map.close();
                try
                {
                    return recover(builder(file, options), file);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException("cannot recover store " + file + ": " + ex.getMessage(), ex);
                }
            });
        }

        @Override
        public void close()
        {
            opened.map.close();
            users.close();
        }
    }

    /**
     * @return whether opening had to recover the file (a previous owner died holding one of its locks).
     */
    public boolean recovered()
    {
        return recovered;
    }

    ChronicleMap<CharSequence, CharSequence> map()
    {
        return map;
    }

    @Override
    public T get(final String key)
    {
        final CharSequence json = map.get(key);
        return json == null ? null : read(json);
    }

    @Override
    public T putIfAbsent(final String key, final T value)
    {
        final CharSequence previous = map.putIfAbsent(key, write(value));
        return previous == null ? null : read(previous);
    }

    @Override
    public void put(final String key, final T value)
    {
        map.put(key, write(value));
    }

    @Override
    public T remove(final String key)
    {
        final CharSequence previous = map.remove(key);
        return previous == null ? null : read(previous);
    }

    @Override
    public List<T> find(final Predicate<T> filter)
    {
        final List<T> result = new ArrayList<>();
        map.forEach((key, json) ->
        {
            final T value = read(json);
            if (filter.test(value))
            {
                result.add(value);
            }
        });
        return result;
    }

    @Override
    public int size()
    {
        return map.size();
    }

    private T read(final CharSequence json)
    {
        try
        {
            return mapper.readValue(json.toString(), type);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("corrupt " + type.getSimpleName() + " in store: " + ex.getMessage(), ex);
        }
    }

    private String write(final T value)
    {
        try
        {
            return mapper.writeValueAsString(value);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException("cannot store " + value + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close()
    {
        // The map first: this process stops being a user only once it can no longer write.
        map.close();
        users.close();
    }
}
