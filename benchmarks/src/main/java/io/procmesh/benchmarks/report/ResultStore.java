package io.procmesh.benchmarks.report;

import io.procmesh.benchmarks.harness.RunKey;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Everything one suite run measured, failed or skipped, for the report. Filled by one thread.
 */
public final class ResultStore
{
    private final List<Measurement> measurements = new ArrayList<>();
    private final Map<String, MicroMeasurement> micro = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, String> skips = new LinkedHashMap<>();
    private final Map<String, Long> startupMs = new LinkedHashMap<>();
    private final Map<String, String> facts = new LinkedHashMap<>();

    /**
     * Rebuilds a store from an archived run ({@link RunArchive}).
     */
    static ResultStore restore(
        final List<Measurement> measurements,
        final List<MicroMeasurement> micro,
        final List<String> failures,
        final Map<String, String> skips,
        final Map<String, Long> startups,
        final Map<String, String> facts)
    {
        final ResultStore store = new ResultStore();
        measurements.forEach(store::add);
        micro.forEach(store::add);
        store.failures.addAll(failures);
        store.skips.putAll(skips);
        store.startupMs.putAll(startups);
        store.facts.putAll(facts);
        return store;
    }

    public void add(final Measurement measurement)
    {
        measurements.add(measurement);
    }

    public void add(final MicroMeasurement measurement)
    {
        micro.put(measurement.benchmark(), measurement);
    }

    /**
     * Records a part of the suite that failed; the report shows it instead of its numbers.
     */
    public void failed(final String what, final Throwable error)
    {
        final String message = error.getMessage() == null ? error.toString() : error.getMessage();
        failures.add(what + ": " + message.lines().findFirst().orElse(error.toString()));
    }

    /**
     * Records a scenario that cannot run here, with its one-line reason.
     */
    public void skipped(final String scenarioId, final String reason)
    {
        skips.put(scenarioId, reason);
    }

    /**
     * Records how long a partner JVM took from launch to serving; the first figure per partner kind is kept.
     */
    public void startup(final String partner, final long ms)
    {
        startupMs.putIfAbsent(partner, ms);
    }

    /**
     * Records something a section needs to say about the run, e.g. the Python version.
     */
    public void fact(final String name, final String value)
    {
        facts.put(name, value);
    }

    public Optional<String> fact(final String name)
    {
        return Optional.ofNullable(facts.get(name));
    }

    public Map<String, String> facts()
    {
        return Collections.unmodifiableMap(facts);
    }

    public Map<String, String> skips()
    {
        return Collections.unmodifiableMap(skips);
    }

    public Map<String, Long> startups()
    {
        return Collections.unmodifiableMap(startupMs);
    }

    public List<Measurement> measurements(final Predicate<RunKey> filter)
    {
        final List<Measurement> selected = new ArrayList<>();
        for (final Measurement measurement : measurements)
        {
            if (filter.test(measurement.key()))
            {
                selected.add(measurement);
            }
        }
        return selected;
    }

    public Optional<Measurement> find(final RunKey key)
    {
        for (final Measurement measurement : measurements)
        {
            if (measurement.key().equals(key))
            {
                return Optional.of(measurement);
            }
        }
        return Optional.empty();
    }

    public Optional<MicroMeasurement> micro(final String benchmark)
    {
        return Optional.ofNullable(micro.get(benchmark));
    }

    public List<MicroMeasurement> micro()
    {
        return List.copyOf(micro.values());
    }

    public List<String> failures()
    {
        return Collections.unmodifiableList(failures);
    }

    public Optional<String> skipReason(final String scenarioId)
    {
        return Optional.ofNullable(skips.get(scenarioId));
    }
}
