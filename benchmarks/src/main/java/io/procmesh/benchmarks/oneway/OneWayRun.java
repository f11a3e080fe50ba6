package io.procmesh.benchmarks.oneway;

import io.procmesh.benchmarks.harness.RunKey;
import io.procmesh.benchmarks.report.Measurement;
import io.procmesh.benchmarks.suite.SuiteContext;
import io.procmesh.core.process.ReapedProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One one-way throughput run between two JVMs: the subscriber starts first, the publisher then writes as fast
 * as it can, and the figure is what the subscriber received per second over the measured messages.
 *
 * @param subject    {@link #PROCMESH} or {@link #RAW}.
 * @param publisher  main of the writing JVM.
 * @param subscriber main of the reading JVM.
 */
public record OneWayRun(String subject, Class<?> publisher, Class<?> subscriber)
{
    public static final String PROCMESH = "oneway-procmesh";
    public static final String RAW = "oneway-raw";
    private static final Pattern RESULT = Pattern.compile("RESULT messages=(\\d+) elapsedNs=(\\d+)");
    private static final long ASSUMED_MIN_RATE_PER_MS = 50;

    public static List<OneWayRun> all()
    {
        return List.of(
            new OneWayRun(RAW, RawOneWayPublisherMain.class, RawOneWaySubscriberMain.class),
            new OneWayRun(PROCMESH, ProcmeshOneWayPublisherMain.class, ProcmeshOneWaySubscriberMain.class));
    }

    public Measurement run(final SuiteContext context, final long messages, final int payloadBytes)
    {
        final Path dir = context.freshDataDir(subject);
        final List<String> args = List.of(dir.resolve("queue").toString(), Long.toString(messages),
            Long.toString(messages), Integer.toString(payloadBytes));
        // Generous: even 50 messages per ms finishes well inside it.
        final long workMs = 2 * messages / ASSUMED_MIN_RATE_PER_MS;
        context.progress("one-way " + subject + ": " + messages + " warm-up + " + messages + " measured messages");
        try (ReapedProcess reader = context.startJava(subject + "-subscriber", subscriber, args, workMs))
        {
            reader.awaitLine(OneWayArgs.READY, context.startupTimeout());
            context.progress("  " + reader.name() + " ready after " + reader.ageMs() + " ms");
            try (ReapedProcess writer = context.startJava(subject + "-publisher", publisher, args, workMs))
            {
                final Duration limit = context.startupTimeout().plusMillis(workMs);
                requireSuccess(writer, writer.awaitExit(limit));
                requireSuccess(reader, reader.awaitExit(limit));
                context.progress("  " + writer.name() + " and " + reader.name() + " done");
                final double received = rate(reader);
                final double published = rate(writer);
                return new Measurement(new RunKey(subject, RunKey.NO_IDLE, payloadBytes, 0, 0), null, received,
                    String.format("publisher appended %,.0f msg/s", published));
            }
        }
        finally
        {
            context.deleteTree(dir);
        }
    }

    private static void requireSuccess(final ReapedProcess child, final int exitCode)
    {
        if (exitCode != 0)
        {
            throw new IllegalStateException(child.name() + " exited with " + exitCode + "; see " + child.log() +
                "\n" + child.tail());
        }
    }

    private static double rate(final ReapedProcess child)
    {
        final Matcher matcher = RESULT.matcher(child.logText());
        if (!matcher.find())
        {
            throw new IllegalStateException(child.name() + " printed no RESULT line; see " + child.log());
        }
        final long messages = Long.parseLong(matcher.group(1));
        final long elapsedNs = Long.parseLong(matcher.group(2));
        return elapsedNs > 0 ? messages * 1e9 / elapsedNs : 0.0;
    }
}
