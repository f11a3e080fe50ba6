package io.procmesh.benchmarks.harness;

import io.procmesh.core.config.JvmFlags;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a partner JVM: the running JVM's java, the Chronicle flags, the suite's JVM options, the
 * watchdog settings and this JVM's class path (the shaded jar under run.sh, the test class path under Surefire).
 */
public final class JavaCommand
{
    private JavaCommand()
    {
    }

    public static List<String> of(
        final List<String> jvmOptions,
        final long lifetimeMs,
        final List<String> systemProperties,
        final Class<?> mainClass,
        final List<String> args)
    {
        final List<String> command = new ArrayList<>();
        command.add(JvmFlags.javaExecutable());
        command.addAll(JvmFlags.chronicle());
        command.addAll(jvmOptions);
        command.add("-D" + ParentWatchdog.PARENT_PID_PROP_NAME + "=" + ProcessHandle.current().pid());
        command.add("-D" + ParentWatchdog.LIFETIME_MS_PROP_NAME + "=" + lifetimeMs);
        command.addAll(systemProperties);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        return command;
    }
}
