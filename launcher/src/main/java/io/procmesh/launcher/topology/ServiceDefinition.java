package io.procmesh.launcher.topology;

import java.util.List;

/**
 * One service of a validated topology: how to start each of its instances and how to supervise them.
 *
 * @param jvmOptions options placed before the launcher's own, e.g. {@code -Xmx256m} or {@code -Dprocmesh.x=y}.
 * @param args       program arguments after the main class.
 * @param api        the interface other services and the gateway call it through, or null.
 */
public record ServiceDefinition(
    String name,
    String mainClass,
    int instances,
    List<String> jvmOptions,
    List<String> args,
    List<String> dependsOn,
    HealthPolicy health,
    RestartPolicy restart,
    String api)
{
    public ServiceDefinition
    {
        jvmOptions = List.copyOf(jvmOptions);
        args = List.copyOf(args);
        dependsOn = List.copyOf(dependsOn);
    }

    /**
     * @param ordinal 1-based.
     * @return the instance id, e.g. {@code user-1}: stable across restarts, so an instance keeps its inbox.
     */
    public String instanceId(final int ordinal)
    {
        return name + "-" + ordinal;
    }
}
