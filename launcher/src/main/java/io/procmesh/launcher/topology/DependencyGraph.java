package io.procmesh.launcher.topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services' dependsOn edges: rejects unknown names and cycles (naming the cycle), and orders services in
 * layers so each starts after the ones it depends on.
 */
final class DependencyGraph
{
    private enum Visit
    {
        IN_PROGRESS,
        DONE
    }

    private final String source;
    private final LinkedHashMap<String, List<Located<String>>> edges;

    /**
     * @param edges every service, in file order, with the services it depends on.
     */
    DependencyGraph(final String source, final LinkedHashMap<String, List<Located<String>>> edges)
    {
        this.source = source;
        this.edges = edges;
    }

    /**
     * @return the services grouped by depth, in file order within a layer.
     * @throws TopologyException for an unknown dependency or a cycle, pointing at the offending dependsOn entry.
     */
    List<List<String>> layers()
    {
        requireKnownDependencies();
        final Map<String, Visit> visits = new HashMap<>();
        for (final String service : edges.keySet())
        {
            visit(service, visits, new ArrayDeque<>());
        }

        final Map<String, Integer> depths = new HashMap<>();
        final List<List<String>> layers = new ArrayList<>();
        for (final String service : edges.keySet())
        {
            final int depth = depth(service, depths);
            while (layers.size() <= depth)
            {
                layers.add(new ArrayList<>());
            }
            layers.get(depth).add(service);
        }
        return layers;
    }

    private void requireKnownDependencies()
    {
        for (final Map.Entry<String, List<Located<String>>> entry : edges.entrySet())
        {
            for (final Located<String> dependency : entry.getValue())
            {
                if (!edges.containsKey(dependency.value()))
                {
                    throw new TopologyException(dependency.mark(source), "service '" + entry.getKey() +
                        "' depends on '" + dependency.value() + "', which is not defined (services: " +
                        String.join(", ", edges.keySet()) + ")");
                }
            }
        }
    }

    private void visit(final String service, final Map<String, Visit> visits, final Deque<String> path)
    {
        if (visits.get(service) == Visit.DONE)
        {
            return;
        }
        visits.put(service, Visit.IN_PROGRESS);
        path.addLast(service);
        for (final Located<String> dependency : edges.get(service))
        {
            if (visits.get(dependency.value()) == Visit.IN_PROGRESS)
            {
                throw new TopologyException(dependency.mark(source),
                    "dependency cycle: " + cycle(path, dependency.value()));
            }
            visit(dependency.value(), visits, path);
        }
        path.removeLast();
        visits.put(service, Visit.DONE);
    }

    private static String cycle(final Deque<String> path, final String closingService)
    {
        final StringBuilder cycle = new StringBuilder();
        boolean inCycle = false;
        for (final String service : path)
        {
            inCycle |= service.equals(closingService);
            if (inCycle)
            {
                cycle.append(service).append(" -> ");
            }
        }
        return cycle.append(closingService).toString();
    }

    private int depth(final String service, final Map<String, Integer> depths)
    {
        final Integer known = depths.get(service);
        if (known != null)
        {
            return known;
        }
        int depth = 0;
        for (final Located<String> dependency : edges.get(service))
        {
            depth = Math.max(depth, depth(dependency.value(), depths) + 1);
        }
        depths.put(service, depth);
        return depth;
    }
}
