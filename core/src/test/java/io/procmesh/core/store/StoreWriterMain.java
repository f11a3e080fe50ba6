package io.procmesh.core.store;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * Child JVM main for {@link ChronicleStoreTest}. Args: storeFile mode [key]. Mode {@code lock}: takes the write lock of
 * the key's segment and holds it until killed. Mode {@code write}: puts key-0, key-1, ... and prints "PUT n" after
 * each put returns, about one per 50 us, until killed.
 */
public final class StoreWriterMain
{
    public static void main(final String[] args) throws Exception
    {
        final ChronicleStore<String> store =
            ChronicleStore.open(Path.of(args[0]), String.class, StoreOptions.of(10_000, 32), new ObjectMapper());
        if ("lock".equals(args[1]))
        {
            store.map().queryContext(args[2]).writeLock().lock();
            System.out.println("LOCKED " + args[2]);
            Thread.sleep(Long.MAX_VALUE);
        }
        for (int n = store.size(); ; n++)
        {
            store.put("key-" + n, "value-" + n);
            System.out.println("PUT " + n);
            // Paced, so the writer is always mid-write when killed yet cannot outrun the store's sizing while the
            // test reads its log: unpaced it put 120,000 entries into a store sized for 10,000 on a quiet host.
            LockSupport.parkNanos(50_000);
        }
    }
}
