package io.procmesh.launcher.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.procmesh.core.config.DataDirectory;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.alert.Alert;
import io.procmesh.launcher.alert.AlertReader;
import io.procmesh.launcher.alert.Alerts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = {
        "Print the alerts the launcher raised, oldest first, from the data dir's durable alerts topic:",
        "a service FAILED, a restart storm, an instance killed as hung or stuck, a circuit breaker opened,",
        "a registry recovered, disk space low, a rollout rolled back; and each one's resolution.",
        "-f follows until Ctrl-C. --json prints one JSON object per line."})
final class AlertsCommand implements Callable<Integer>
{
    static final long FOLLOW_POLL_MS = 200;

    @Mixin
    private TopologyOptions options;

    @Option(names = {"-f", "--follow"}, description = "Keep printing alerts as they come, until Ctrl-C.")
    private boolean follow;

    @Option(names = "--json", description = "One JSON object per alert, one per line.")
    private boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final DataDirectory dataDirectory = options.runningDataDirectory();
        final PrintStream out = System.out;
        if (!Files.exists(dataDirectory.topic(Alerts.TOPIC)))
        {
            if (!follow)
            {
                if (!json)
                {
                    out.println("no alerts in " + dataDirectory.root());
                }
                return ExitCodes.OK;
            }
            // A reader would create the topic; the launcher does, with its first alert.
            while (!Files.exists(dataDirectory.topic(Alerts.TOPIC)))
            {
                Thread.sleep(FOLLOW_POLL_MS);
            }
        }
        final ObjectMapper mapper = new ObjectMapper();
        try (AlertReader reader = new AlertReader(dataDirectory, -1))
        {
            do
            {
                Alert alert;
                while ((alert = reader.next()) != null)
                {
                    out.println(json ? mapper.writeValueAsString(alert) : line(alert));
                }
                out.flush();
                if (follow)
                {
                    Thread.sleep(FOLLOW_POLL_MS);
                }
            }
            while (follow);
        }
        return ExitCodes.OK;
    }

    /**
     * {@code 2026-12-03T13:50:01.123Z FIRING   critical ServiceFailed crasher: <detail>}.
     */
    static String line(final Alert alert)
    {
        final String subject = alert.service().isEmpty() ? alert.instance() :
            alert.instance().isEmpty() ? alert.service() : alert.service() + " " + alert.instance();
        final String status = alert.firing() ? "FIRING  " : "RESOLVED";
        return Instant.ofEpochMilli(alert.atMs()) + " " + status + " " + alert.severity() + " " + alert.name() +
            (subject.isEmpty() ? "" : " " + subject) + ": " + alert.detail();
    }
}
