package io.procmesh.benchmarks.roundtrip;

import io.procmesh.benchmarks.harness.RunSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The round-trip runs every selected scenario asks for, merged into one group per subject and idle strategy, so
 * each pair of JVMs is started once and warmed once however many scenarios read its figures.
 */
public final class RoundTripPlan
{
    private final long prewarmMs;
    private final Map<String, Subject> subjects = new LinkedHashMap<>();
    private final Map<String, List<RunSpec>> specs = new LinkedHashMap<>();

    public RoundTripPlan(final long prewarmMs)
    {
        this.prewarmMs = prewarmMs;
    }

    public void add(final Subject subject, final String idleStrategy, final RunSpec spec)
    {
        final String group = subject.id() + "\t" + idleStrategy;
        subjects.put(group, subject);
        final List<RunSpec> list = specs.computeIfAbsent(group, name -> new ArrayList<>());
        if (!list.contains(spec))
        {
            list.add(spec);
        }
    }

    /**
     * @return one group per subject and idle strategy, in the order first asked for, each led by an unrecorded
     * warm-up run.
     */
    public List<RoundTripGroup> groups()
    {
        final List<RoundTripGroup> groups = new ArrayList<>();
        for (final Map.Entry<String, List<RunSpec>> entry : specs.entrySet())
        {
            final List<RunSpec> runs = new ArrayList<>();
            if (prewarmMs > 0)
            {
                runs.add(RunSpec.warmupOnly(entry.getValue().get(0).payloadBytes(), prewarmMs));
            }
            runs.addAll(entry.getValue());
            final String idle = entry.getKey().substring(entry.getKey().indexOf('\t') + 1);
            groups.add(new RoundTripGroup(subjects.get(entry.getKey()), idle, runs));
        }
        return groups;
    }
}
