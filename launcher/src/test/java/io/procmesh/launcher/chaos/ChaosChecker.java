package io.procmesh.launcher.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.procmesh.core.test.HttpTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Checks a chaos run's invariants against the live system once it has healed: every acknowledged user exists,
 * every acknowledged order exists exactly once and has exactly one notification, nothing was executed twice, no
 * request hung, no log shows an InterProcessDeadLockException.
 */
final class ChaosChecker
{
    private static final long NOTIFICATION_WAIT_MS = 30_000;
    private static final String DEADLOCK = "InterProcessDeadLockException";

    record Result(
        int hangs,
        List<String> hangSamples,
        List<String> lostOrders,
        List<String> duplicates,
        List<String> missingNotifications,
        List<String> deadlockLogs,
        int ordersChecked,
        int notificationsChecked)
    {
    }

    private final HttpTestClient http;
    private final ChaosLog log;

    ChaosChecker(final HttpTestClient http, final ChaosLog log)
    {
        this.http = http;
        this.log = log;
    }

    /**
     * What can be checked without a healed system, for the report of a run that did not heal: hangs and logs.
     */
    Result checkWithoutSystem(final List<Path> logDirectories)
    {
        final List<String> hangSamples = hangSamples(log.requests());
        return new Result(hangSamples.size(), hangSamples.subList(0, Math.min(5, hangSamples.size())), List.of(),
            List.of(), List.of(), deadlockLogs(logDirectories), 0, 0);
    }

    private static List<String> hangSamples(final List<ChaosLog.Request> requests)
    {
        final List<String> hangSamples = new ArrayList<>();
        for (final ChaosLog.Request request : requests)
        {
            if (request.status() == ChaosClient.HANG)
            {
                hangSamples.add(request.kind() + " " + request.error());
            }
        }
        return hangSamples;
    }

    Result check(final List<Path> logDirectories) throws IOException, InterruptedException
    {
        final List<ChaosLog.Request> requests = log.requests();
        final List<String> hangSamples = hangSamples(requests);
        final Map<String, List<ChaosLog.Request>> ordersByUser = new LinkedHashMap<>();
        for (final ChaosLog.Request request : requests)
        {
            if (request.kind() == ChaosLog.Kind.ORDER && request.acknowledged())
            {
                ordersByUser.computeIfAbsent(request.userId(), user -> new ArrayList<>()).add(request);
            }
        }

        final List<String> lost = new ArrayList<>();
        final List<String> duplicates = new ArrayList<>();
        int ordersChecked = 0;
        for (final Map.Entry<String, List<ChaosLog.Request>> user : ordersByUser.entrySet())
        {
            final JsonNode listed = ChaosClient.getJson(http, "/api/orders?userId=" + encode(user.getKey()));
            final Map<String, Integer> idCounts = new HashMap<>();
            final Map<String, Integer> itemCounts = new HashMap<>();
            for (final JsonNode order : listed)
            {
                idCounts.merge(order.path("id").asText(), 1, Integer::sum);
                itemCounts.merge(order.path("item").asText(), 1, Integer::sum);
            }
            itemCounts.forEach((item, count) ->
            {
                if (count > 1)
                {
                    duplicates.add("item " + item + " ordered once, stored " + count + " times");
                }
            });
            for (final ChaosLog.Request order : user.getValue())
            {
                ordersChecked++;
                final int count = idCounts.getOrDefault(order.id(), 0);
                final int direct = ChaosClient.getStatus(http, "/api/orders/" + encode(order.id()));
                if (count == 0 || direct != 200)
                {
                    lost.add(order.id() + " (listed " + count + "x, GET " + direct + ")");
                }
                else if (count > 1)
                {
                    duplicates.add("order " + order.id() + " listed " + count + " times");
                }
            }
        }

        for (final ChaosLog.Request user : requests)
        {
            if (user.kind() == ChaosLog.Kind.USER && user.acknowledged())
            {
                final int status = ChaosClient.getStatus(http, "/api/users/" + encode(user.id()));
                if (status != 200)
                {
                    lost.add("user " + user.id() + " (GET " + status + ")");
                }
            }
        }

        final List<String> missing = new ArrayList<>();
        final int notificationsChecked = checkNotifications(ordersByUser, missing, duplicates);
        return new Result(hangSamples.size(), hangSamples.subList(0, Math.min(5, hangSamples.size())), lost,
            duplicates, missing, deadlockLogs(logDirectories), ordersChecked, notificationsChecked);
    }

    /**
     * Notifications are delivered asynchronously from the "orders" topic: wait (bounded) until every acknowledged
     * order has one, then count them.
     */
    private int checkNotifications(
        final Map<String, List<ChaosLog.Request>> ordersByUser, final List<String> missing,
        final List<String> duplicates) throws IOException, InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(NOTIFICATION_WAIT_MS);
        Map<String, Integer> counts = notificationCounts(ordersByUser);
        while (hasMissing(ordersByUser, counts) && System.nanoTime() - deadlineNs < 0)
        {
            Thread.sleep(500);
            counts = notificationCounts(ordersByUser);
        }
        int checked = 0;
        for (final List<ChaosLog.Request> orders : ordersByUser.values())
        {
            for (final ChaosLog.Request order : orders)
            {
                checked++;
                if (counts.getOrDefault(order.id(), 0) == 0)
                {
                    missing.add(order.id());
                }
            }
        }
        counts.forEach((orderId, count) ->
        {
            if (count > 1)
            {
                duplicates.add("order " + orderId + " has " + count + " notifications");
            }
        });
        return checked;
    }

    private Map<String, Integer> notificationCounts(final Map<String, List<ChaosLog.Request>> ordersByUser)
        throws IOException, InterruptedException
    {
        final Map<String, Integer> counts = new HashMap<>();
        for (final String userId : ordersByUser.keySet())
        {
            for (final JsonNode notification :
                ChaosClient.getJson(http, "/api/notifications?userId=" + encode(userId)))
            {
                counts.merge(notification.path("orderId").asText(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static boolean hasMissing(
        final Map<String, List<ChaosLog.Request>> ordersByUser, final Map<String, Integer> counts)
    {
        return ordersByUser.values().stream().flatMap(List::stream)
            .anyMatch(order -> counts.getOrDefault(order.id(), 0) == 0);
    }

    private static List<String> deadlockLogs(final List<Path> directories)
    {
        final List<String> found = new ArrayList<>();
        for (final Path directory : directories)
        {
            try (Stream<Path> files = Files.list(directory))
            {
                for (final Path file : files.filter(f -> f.toString().endsWith(".log")).toList())
                {
                    if (Files.readString(file, StandardCharsets.ISO_8859_1).contains(DEADLOCK))
                    {
                        found.add(file.toString());
                    }
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        return found;
    }

    private static String encode(final String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
