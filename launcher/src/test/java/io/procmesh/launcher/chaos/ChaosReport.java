package io.procmesh.launcher.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The figures of a chaos run, as JSON (target/chaos-report.json) and as a readable summary.
 */
final class ChaosReport
{
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final int unrecoveredFaults;
    private final long acknowledgedOrders;
    private final List<String> wrongAnswers = new ArrayList<>();
    private final List<String> acknowledgedUsersNotFound = new ArrayList<>();

    ChaosReport(final int durationSeconds, final long seed, final ChaosLog log, final ChaosChecker.Result result,
        final long finalRecoveryMs, final List<FleetChanges.Change> changes)
    {
        final List<ChaosLog.Request> requests = log.requests();
        final List<ChaosLog.Fault> faults = log.faults();
        final Map<String, Integer> faultsByType = new TreeMap<>();
        final Map<String, Integer> faultsByTarget = new TreeMap<>();
        final Map<String, Integer> outcomes = new TreeMap<>();
        long longestRecoveryMs = 0;
        long longestFirstSuccessMs = 0;
        int unrecovered = 0;
        for (final ChaosLog.Fault fault : faults)
        {
            faultsByType.merge(fault.type(), 1, Integer::sum);
            faultsByTarget.merge(fault.target() + " " + fault.type(), 1, Integer::sum);
            if (fault.recoveredNs() == 0)
            {
                unrecovered++;
            }
            else
            {
                longestRecoveryMs = Math.max(longestRecoveryMs, ms(fault.recoveredNs() - fault.atNs()));
            }
            final long firstSuccessNs = requests.stream()
                .filter(r -> r.startNs() >= fault.endedNs() && r.status() >= 200 && r.status() < 300)
                .mapToLong(ChaosLog.Request::endNs).min().orElse(0);
            if (firstSuccessNs != 0)
            {
                longestFirstSuccessMs = Math.max(longestFirstSuccessMs, ms(firstSuccessNs - fault.atNs()));
            }
        }
        long maxLatencyMs = 0;
        long acknowledged = 0;
        long ackOrders = 0;
        for (final ChaosLog.Request request : requests)
        {
            final String outcome = request.status() == ChaosClient.CONNECT_ERROR ? "connection error" :
                request.status() == ChaosClient.HANG ? "hang (no answer within timeout)" :
                "HTTP " + request.status();
            outcomes.merge(request.kind() + " " + outcome, 1, Integer::sum);
            maxLatencyMs = Math.max(maxLatencyMs, ms(request.latencyNs()));
            // The clients order only for users acknowledged earlier: "does not exist" means one was not found.
            if (request.kind() == ChaosLog.Kind.ORDER && request.status() == 422)
            {
                acknowledgedUsersNotFound.add(wallClock(request.startNs()) + " order for user " + request.userId() +
                    " answered 422 after " + ms(request.latencyNs()) + " ms");
            }
            if (request.kind() == ChaosLog.Kind.QUOTE && request.status() == 200 &&
                !ChaosClient.QUOTE_ANSWER.equals(request.id()))
            {
                wrongAnswers.add("quote answered " + request.id() + ", expected " + ChaosClient.QUOTE_ANSWER);
            }
            if (request.acknowledged())
            {
                acknowledged++;
                if (request.kind() == ChaosLog.Kind.ORDER)
                {
                    ackOrders++;
                }
            }
        }
        this.unrecoveredFaults = unrecovered;
        this.acknowledgedOrders = ackOrders;
        figures.put("durationSeconds", durationSeconds);
        figures.put("seed", seed);
        figures.put("faults", faults.size());
        figures.put("faultsByType", faultsByType);
        figures.put("faultsByTargetAndType", faultsByTarget);
        figures.put("requests", requests.size());
        figures.put("requestsAcknowledged", acknowledged);
        figures.put("ordersAcknowledged", ackOrders);
        figures.put("outcomes", outcomes);
        figures.put("acknowledgedWritesLost", result.lostOrders().size());
        figures.put("duplicates", result.duplicates().size());
        figures.put("acknowledgedOrdersWithoutNotification", result.missingNotifications().size());
        figures.put("hangs", result.hangs());
        figures.put("maxRequestLatencyMs", maxLatencyMs);
        figures.put("longestRecoveryToAllUpMs", longestRecoveryMs);
        figures.put("longestFaultToFirstSuccessfulRequestMs", longestFirstSuccessMs);
        figures.put("unrecoveredFaults", unrecovered);
        figures.put("finalRecoveryAfterLoadMs", finalRecoveryMs);
        figures.put("wrongAnswers", wrongAnswers.size());
        figures.put("ordersRefusedForAnAcknowledgedUser", acknowledgedUsersNotFound.size());
        figures.put("ordersRefusedForAnAcknowledgedUserSamples", acknowledgedUsersNotFound());
        final List<String> fleetChanges = new ArrayList<>();
        changes.forEach(change -> fleetChanges.add(change.command() + ": exit " + change.exitCode() + " after " +
            change.millis() + " ms: " + change.lastLine()));
        figures.put("fleetChanges", fleetChanges);
        figures.put("logsWithInterProcessDeadLockException", result.deadlockLogs());
        figures.put("checkerReadsRetriedOn503or504", ChaosClient.READ_RETRIES.get());
        figures.put("ordersChecked", result.ordersChecked());
        figures.put("notificationsChecked", result.notificationsChecked());
    }

    int unrecoveredFaults()
    {
        return unrecoveredFaults;
    }

    long acknowledgedOrders()
    {
        return acknowledgedOrders;
    }

    List<String> acknowledgedUsersNotFound()
    {
        return acknowledgedUsersNotFound.subList(0, Math.min(10, acknowledgedUsersNotFound.size()));
    }

    /**
     * @return the time of day of a System.nanoTime, to match a request against the services' logs.
     */
    private static String wallClock(final long nanoTime)
    {
        final long millis = System.currentTimeMillis() - ms(System.nanoTime() - nanoTime);
        return java.time.LocalTime.ofInstant(java.time.Instant.ofEpochMilli(millis), java.time.ZoneId.systemDefault())
            .toString();
    }

    List<String> wrongAnswers()
    {
        return wrongAnswers.subList(0, Math.min(5, wrongAnswers.size()));
    }

    void add(final String name, final Object value)
    {
        figures.put(name, value);
    }

    void write(final Path file) throws IOException
    {
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), figures);
    }

    String summary()
    {
        final StringBuilder text = new StringBuilder("chaos run:\n");
        figures.forEach((name, value) -> text.append(String.format("  %-40s %s%n", name, value)));
        return text.toString();
    }

    private static long ms(final long ns)
    {
        return TimeUnit.NANOSECONDS.toMillis(ns);
    }
}
