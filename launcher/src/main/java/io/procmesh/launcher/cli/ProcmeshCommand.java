package io.procmesh.launcher.cli;

import io.procmesh.core.registry.RegistryWedgedException;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;
import io.procmesh.launcher.topology.TopologyException;
import net.openhft.chronicle.hash.locks.InterProcessDeadLockException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

@Command(name = "procmesh", mixinStandardHelpOptions = true, version = "procmesh 0.1.0",
    description = "Runs and supervises procmesh services, each instance in its own JVM.",
    footer = {"", "Exit codes: 0 ok, 1 failure, 2 bad arguments or topology (nothing started)."})
public final class ProcmeshCommand implements Runnable
{
    /**
     * The verbs, in the order `--help` lists them. Built lazily: picocli reflects over every registered command's
     * annotations, and its classes (Java 5 class files) are verified slowly and never class-data archived, so a
     * `status` that registers only itself starts measurably faster.
     */
    private static final Map<String, Supplier<Object>> VERBS = verbs();

    @Spec
    private CommandSpec spec;

    private static Map<String, Supplier<Object>> verbs()
    {
        final Map<String, Supplier<Object>> verbs = new LinkedHashMap<>();
        verbs.put("up", UpCommand::new);
        verbs.put("down", DownCommand::new);
        verbs.put("status", StatusCommand::new);
        verbs.put("restart", RestartCommand::new);
        verbs.put("scale", ScaleCommand::new);
        verbs.put("rollout", RolloutCommand::new);
        verbs.put("rollback", RollbackCommand::new);
        verbs.put("logs", LogsCommand::new);
        verbs.put("alerts", AlertsCommand::new);
        verbs.put("incidents", IncidentsCommand::new);
        verbs.put("config", ConfigCommand::new);
        verbs.put("jvm-flags", JvmFlagsCommand::new);
        verbs.put("help", CommandLine.HelpCommand::new);
        return verbs;
    }

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "missing command: use up, down, status, restart, scale, rollout, rollback, logs, alerts, " +
                "incidents, config or jvm-flags");
    }

    /**
     * @return a command line whose every failure is one readable line on stderr and an exit code: 2 for bad
     * arguments or topology, the exception's own for launcher failures, 1 for anything else.
     */
    public static CommandLine commandLine()
    {
        return commandLine(new String[0]);
    }

    /**
     * @param args the command line: when its first word is a verb, only that verb is registered (see
     * {@link #VERBS}); otherwise (help, a typo, nothing) every verb is.
     */
    public static CommandLine commandLine(final String[] commandArgs)
    {
        final CommandLine commandLine = new CommandLine(new ProcmeshCommand());
        final String verb = commandArgs.length > 0 ? commandArgs[0] : "";
        final Supplier<Object> named = "help".equals(verb) ? null : VERBS.get(verb);
        if (named != null)
        {
            commandLine.addSubcommand(verb, named.get());
        }
        else
        {
            VERBS.forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
        }
        commandLine.setParameterExceptionHandler((ex, args) ->
        {
            final PrintWriter err = ex.getCommandLine().getErr();
            err.println("procmesh: " + ex.getMessage() + " (see 'procmesh --help')");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, line, parseResult) ->
        {
            final PrintWriter err = line.getErr();
            if (ex instanceof TopologyException)
            {
                err.println("procmesh: bad topology: " + ex.getMessage());
                return ExitCodes.USAGE;
            }
            if (ex instanceof LauncherException launcherException)
            {
                err.println("procmesh: " + ex.getMessage());
                return launcherException.exitCode();
            }
            final Throwable wedge = registryWedge(ex);
            if (wedge != null)
            {
                err.println("procmesh: the shared registry is wedged: a process died holding one of its locks (" +
                    wedge.getClass().getSimpleName() + "); a running launcher recovers it within seconds, " +
                    "otherwise 'procmesh up' recovers it");
                return ExitCodes.FAILURE;
            }
            err.println("procmesh: " + ex);
            return ExitCodes.FAILURE;
        });
        return commandLine;
    }

    private static Throwable registryWedge(final Throwable failure)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause())
        {
            if (cause instanceof InterProcessDeadLockException || cause instanceof RegistryWedgedException)
            {
                return cause;
            }
        }
        return null;
    }
}
