package io.procmesh.benchmarks.scenario;

import io.procmesh.benchmarks.gateway.Wrk;
import io.procmesh.benchmarks.gateway.WrkResult;
import io.procmesh.benchmarks.harness.RunKey;
import io.procmesh.benchmarks.launcher.HelloWorldPartnerMain;
import io.procmesh.benchmarks.launcher.LauncherRun;
import io.procmesh.benchmarks.report.Format;
import io.procmesh.benchmarks.report.LatencySummary;
import io.procmesh.benchmarks.report.Measurement;
import io.procmesh.benchmarks.report.ResultStore;
import io.procmesh.benchmarks.suite.BenchConfiguration;
import io.procmesh.benchmarks.suite.SuiteContext;
import io.procmesh.benchmarks.suite.SuiteMode;
import io.procmesh.core.process.ReapedProcess;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 8. The HTTP gateway under wrk with 32 connections: GET /api/users/{id} through the gateway and the user
 * service, both started by the launcher, and the same Jetty setup answering a fixed body, in the same run.
 */
public final class GatewayScenario implements Scenario
{
    public static final String GATEWAY = "gateway";
    public static final String BARE_JETTY = "bare-jetty";
    private static final List<String> SERVER_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");
    private static final Pattern HELLO_PORT = Pattern.compile("READY hello-world pid \\d+ port (\\d+)");
    private static final Pattern USER_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    private static final String WRK_FACT = "gateway.wrk";
    private static final String SECONDS_FACT = "gateway.seconds";
    private static final String TOPOLOGY = """
        # Written by the benchmark suite (scenario 8, gateway). Port 0: any free port, read from the READY line.
        # The JVM options are the demo topology's (services/procmesh-demo.yaml), and so are the two routes.
        healthCheckIntervalMs: 100
        shutdownGraceMs: 10000
        defaults:
          jvmOptions: [-Xmx256m, -XX:+UseSerialGC, -Dprocmesh.idleStrategy=park]
        services:
          user:
            api: io.procmesh.services.user.UserApi
            mainClass: io.procmesh.services.user.UserServiceMain
            instances: 1
        gateway:
          port: 0
          routes:
            - {method: POST, path: /api/users,      call: user.create, status: 201}
            - {method: GET,  path: /api/users/{id}, call: user.get}
          jvmOptions: [-Dprocmesh.gateway.requiredServices=user]
        """;

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(HTTP_TIMEOUT)
        .build();

    @Override
    public String id()
    {
        return "gateway";
    }

    @Override
    public String number()
    {
        return "8";
    }

    @Override
    public String title()
    {
        return "Gateway: GET /api/users/{id} under wrk -c32";
    }

    @Override
    public Optional<String> unavailableReason(final SuiteContext context)
    {
        return Wrk.find(BenchConfiguration.wrk()).isPresent() ? Optional.empty() : Optional.of("skipped: wrk is " +
            "not installed ('" + BenchConfiguration.wrk() + "' not found): install the Debian package wrk " +
            "(benchmarks/run.sh does when run as root), or set " + BenchConfiguration.WRK_PROP_NAME + " to its path");
    }

    @Override
    public void run(final SuiteContext context, final ResultStore store) throws Exception
    {
        final SuiteMode mode = context.mode();
        final Wrk wrk = Wrk.create(Wrk.find(BenchConfiguration.wrk()).orElseThrow(),
            context.outputDir().resolve("results"));
        store.fact(WRK_FACT, wrk.version(context.logFile("gateway-wrk-version")));
        store.fact(SECONDS_FACT, mode.wrkWarmupSeconds() + "/" + mode.wrkSeconds());
        final long workMs = (mode.wrkWarmupSeconds() + mode.wrkSeconds()) * 1_000L + 30_000;

        context.progress("gateway: bare Jetty (HelloWorldServer) under wrk");
        try (ReapedProcess hello = context.startJava("gateway-bare-jetty", HelloWorldPartnerMain.class, List.of(),
            workMs, serverOptions("-Dprocmesh.gateway.port=0")))
        {
            final Matcher ready = HELLO_PORT.matcher(hello.awaitLine("READY hello-world", context.startupTimeout()));
            if (!ready.find())
            {
                throw new IllegalStateException("no port in the READY line of " + hello.log());
            }
            store.startup("bare Jetty (HelloWorldServer)", hello.ageMs());
            final String url = "http://127.0.0.1:" + ready.group(1) + "/";
            store.add(measure(context, wrk, BARE_JETTY, url));
        }

        context.progress("gateway: procmesh up with user-1 and gateway-1");
        // Its start-up may take twice the usual allowance: two JVMs, one after the other.
        try (LauncherRun launcher = LauncherRun.start(context, "gateway", TOPOLOGY,
            workMs + context.startupTimeout().toMillis()))
        {
            launcher.awaitAllUp(context.startupTimeout().multipliedBy(2));
            final String base = "http://127.0.0.1:" + launcher.awaitReadyPort("gateway-1", context.startupTimeout());
            awaitHealthy(base + "/health", context.startupTimeout());
            final String url = base + "/api/users/" + createUser(base);
            final HttpResponse<String> probe = send(HttpRequest.newBuilder(URI.create(url)).GET());
            if (probe.statusCode() != 200)
            {
                throw new IllegalStateException("GET " + url + " answered " + probe.statusCode() + ": " + probe.body());
            }
            context.progress("gateway: GET " + url + " under wrk");
            store.add(measure(context, wrk, GATEWAY, url));
        }
    }

    private static List<String> serverOptions(final String property)
    {
        final List<String> options = new ArrayList<>(SERVER_JVM_OPTIONS);
        options.add(property);
        return options;
    }

    private static Measurement measure(final SuiteContext context, final Wrk wrk, final String subject,
        final String url)
    {
        final SuiteMode mode = context.mode();
        if (mode.wrkWarmupSeconds() > 0)
        {
            wrk.run("wrk-" + subject + "-warmup", url, mode.wrkWarmupSeconds(),
                context.logFile("gateway-wrk-" + subject + "-warmup"));
        }
        final WrkResult result = wrk.run("wrk-" + subject, url, mode.wrkSeconds(),
            context.logFile("gateway-wrk-" + subject));
        final LatencySummary latency = result.latency();
        context.progress(String.format(Locale.ROOT, "gateway: %s %,.0f req/s, p50 %s µs, p99 %s µs%s",
            subject, result.requestsPerSecond(), Format.micros(latency.p50()), Format.micros(latency.p99()),
            result.remark().isEmpty() ? "" : " (" + result.remark() + ")"));
        return new Measurement(key(subject), latency, result.requestsPerSecond(), result.remark());
    }

    public static RunKey key(final String subject)
    {
        return new RunKey(subject, RunKey.NO_IDLE, 0, 0, Wrk.CONNECTIONS);
    }

    private String createUser(final String base) throws Exception
    {
        final HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/api/users"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bench\",\"email\":\"bench@example.com\"}")));
        final Matcher id = USER_ID.matcher(created.body());
        if (created.statusCode() != 201 || !id.find())
        {
            throw new IllegalStateException("POST /api/users answered " + created.statusCode() + ": " +
                created.body());
        }
        return id.group(1);
    }

    private void awaitHealthy(final String url, final Duration timeout) throws Exception
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() - deadlineNs < 0)
        {
            last = send(HttpRequest.newBuilder(URI.create(url)).GET());
            if (last.statusCode() == 200)
            {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("GET " + url + " did not answer 200 within " + timeout + "; last: " +
            (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    private HttpResponse<String> send(final HttpRequest.Builder request) throws Exception
    {
        return http.send(request.timeout(HTTP_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void report(final ResultStore store, final StringBuilder md)
    {
        final String[] seconds = store.fact(SECONDS_FACT).map(fact -> fact.split("/")).orElse(null);
        md.append(store.fact(WRK_FACT).map(version -> "`" + version + "`").orElse("wrk"))
            .append(": `wrk -t").append(Wrk.THREADS).append(" -c").append(Wrk.CONNECTIONS).append(" -d")
            .append(seconds == null ? "<seconds>" : seconds[1]).append("s --latency`")
            .append(seconds == null || "0".equals(seconds[0]) ? "" :
                ", after an unrecorded " + seconds[0] + " s run")
            .append(", with a Lua `done` script for the percentiles. Closed loop: each ")
            .append("connection sends its next request when the answer is in, so unlike the fixed-rate tables ")
            .append("above these latencies are not corrected for coordinated omission. Subjects, one after the ")
            .append("other: `bare-jetty` is `HelloWorldServer`, the gateway's own Jetty setup (same threads, ")
            .append("connector and settings) answering a fixed JSON body shaped like a user; `gateway` is ")
            .append("`GET /api/users/{id}` through `GatewayMain` and one `UserServiceMain`, both started by ")
            .append("`procmesh up`, for a user created first with `POST /api/users`. wrk, the server and the user ")
            .append("service share the 2 cores.\n\n");
        final List<Measurement> rows = store.measurements(key -> key.subject().equals(BARE_JETTY) ||
            key.subject().equals(GATEWAY));
        if (rows.isEmpty())
        {
            md.append("_Not measured in this run._\n\n");
            return;
        }
        md.append("| subject | connections | p50 µs | p90 µs | p99 µs | p99.9 µs | p99.99 µs | max µs | requests/s | ")
            .append("requests | remark |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (final Measurement row : rows)
        {
            final LatencySummary latency = row.latency();
            md.append("| ").append(row.key().subject()).append(" | ").append(row.key().maxInFlight()).append(" |");
            for (final double column : new double[]{50, 90, 99, 99.9, 99.99, 100})
            {
                md.append(' ').append(Format.micros(latency.at(column))).append(" |");
            }
            md.append(' ').append(Format.perSecond(row.throughput()))
                .append(" | ").append(Format.count(latency.count()))
                .append(" | ").append(Format.cell(row.remark())).append(" |\n");
        }
        md.append('\n');
        final Optional<Measurement> gateway = store.find(key(GATEWAY));
        final Optional<Measurement> bare = store.find(key(BARE_JETTY));
        if (gateway.isPresent() && bare.isPresent())
        {
            md.append("**gateway ÷ bare Jetty: throughput ")
                .append(Format.percent(gateway.get().throughput() / bare.get().throughput()))
                .append(" (target at least 60%), p99 ")
                .append(Format.ratio(gateway.get().latency().p99() / bare.get().latency().p99()))
                .append(" (gateway p99 ").append(Format.millis(gateway.get().latency().p99()))
                .append(" ms, target at most 5 ms).**\n\n");
        }
    }
}
