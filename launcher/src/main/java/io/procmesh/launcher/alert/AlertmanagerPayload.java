package io.procmesh.launcher.alert;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body Alertmanager posts to a webhook receiver (version 4), for one alert: what a receiver written for
 * Alertmanager, or Alertmanager's own tooling, already reads. Labels are {@code alertname}, {@code severity},
 * {@code service} and {@code instance} (empty ones left out); the detail is the {@code description} annotation.
 */
record AlertmanagerPayload(
    String version,
    String groupKey,
    int truncatedAlerts,
    String status,
    String receiver,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    Map<String, String> commonAnnotations,
    String externalURL,
    List<Entry> alerts)
{
    /** What Alertmanager writes for an alert that has not ended. */
    static final String NO_END = "0001-01-01T00:00:00Z";

    record Entry(
        String status,
        Map<String, String> labels,
        Map<String, String> annotations,
        String startsAt,
        String endsAt,
        String generatorURL,
        String fingerprint)
    {
    }

    static AlertmanagerPayload of(final Alert alert)
    {
        final Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", alert.name());
        labels.put("severity", alert.severity());
        if (!alert.service().isEmpty())
        {
            labels.put("service", alert.service());
        }
        if (!alert.instance().isEmpty())
        {
            labels.put("instance", alert.instance());
        }
        final Map<String, String> annotations = Map.of("description", alert.detail(),
            "summary", alert.name() + (alert.service().isEmpty() ? "" : " " + alert.service()) +
                (alert.instance().isEmpty() ? "" : " " + alert.instance()));
        final Entry entry = new Entry(alert.status(), labels, annotations,
            Instant.ofEpochMilli(alert.startsAtMs()).toString(),
            alert.endsAtMs() == 0 ? NO_END : Instant.ofEpochMilli(alert.endsAtMs()).toString(), "",
            fingerprint(labels));
        return new AlertmanagerPayload("4", "{}:{alertname=\"" + alert.name() + "\"}", 0, alert.status(),
            "procmesh", Map.of("alertname", alert.name()), labels, annotations, "", List.of(entry));
    }

    /**
     * @return 16 hex digits that are the same for every event of one condition, as Alertmanager's are.
     */
    private static String fingerprint(final Map<String, String> labels)
    {
        long hash = 0xcbf29ce484222325L;
        for (final Map.Entry<String, String> label : labels.entrySet())
        {
            if (label.getKey().equals("severity"))
            {
                continue;
            }
            for (final char c : (label.getKey() + "=" + label.getValue() + ";").toCharArray())
            {
                hash ^= c;
                hash *= 0x100000001b3L;
            }
        }
        return String.format("%016x", hash);
    }
}
