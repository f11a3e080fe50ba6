package io.procmesh.benchmarks;

import io.procmesh.benchmarks.scenario.BreakerScenario;
import io.procmesh.benchmarks.scenario.FailoverScenario;
import io.procmesh.benchmarks.scenario.GatewayScenario;
import io.procmesh.benchmarks.scenario.HttpScenario;
import io.procmesh.benchmarks.scenario.ProcmeshRoundTripScenario;
import io.procmesh.benchmarks.scenario.PythonScenario;
import io.procmesh.benchmarks.scenario.RawQueueScenario;
import io.procmesh.benchmarks.scenario.RegistryScenario;
import io.procmesh.benchmarks.scenario.Scenario;
import io.procmesh.benchmarks.scenario.StandbyScenario;
import io.procmesh.benchmarks.scenario.StatusScenario;
import io.procmesh.benchmarks.scenario.ThroughputScenario;

import java.util.List;

/**
 * The suite's scenarios in report order.
 */
public final class Scenarios
{
    private Scenarios()
    {
    }

    public static List<Scenario> all()
    {
        return List.of(
            new ProcmeshRoundTripScenario(),
            new RawQueueScenario(),
            new HttpScenario(),
            new PythonScenario(),
            new ThroughputScenario(),
            new RegistryScenario(),
            new BreakerScenario(),
            new FailoverScenario(),
            new GatewayScenario(),
            new StatusScenario(),
            new StandbyScenario());
    }

    public static List<String> ids()
    {
        return all().stream().map(Scenario::id).toList();
    }
}
