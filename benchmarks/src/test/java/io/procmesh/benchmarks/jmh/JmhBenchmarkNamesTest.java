package io.procmesh.benchmarks.jmh;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The suite stores JMH results by method name alone: a name two classes shared would put one run's figure in the
 * other's table, and a method its table did not list would be measured and never shown.
 */
class JmhBenchmarkNamesTest
{
    @Test
    void shouldShareNoMethodNameBetweenTheSuitesBenchmarkClasses()
    {
        final Set<String> shared = new TreeSet<>(benchmarkMethods(RegistryBenchmark.class));
        shared.retainAll(benchmarkMethods(BreakerBenchmark.class));
        assertEquals(Set.of(), shared);
    }

    @Test
    void shouldListEveryBenchmarkMethodInItsTable()
    {
        assertEquals(benchmarkMethods(RegistryBenchmark.class), listed(RegistryBenchmark.BASELINES));
        assertEquals(benchmarkMethods(BreakerBenchmark.class), listed(BreakerBenchmark.BASELINES));
    }

    private static Set<String> benchmarkMethods(final Class<?> type)
    {
        return Arrays.stream(type.getMethods())
            .filter(method -> method.isAnnotationPresent(Benchmark.class))
            .map(Method::getName)
            .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> listed(final List<String[]> pairs)
    {
        final Set<String> names = new HashSet<>();
        pairs.forEach(pair -> names.addAll(List.of(pair)));
        return new TreeSet<>(names);
    }
}
