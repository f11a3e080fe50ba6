package io.procmesh.benchmarks.roundtrip;

import io.procmesh.benchmarks.harness.RequestTransport;
import io.procmesh.benchmarks.roundtrip.http.HttpEchoServerMain;
import io.procmesh.benchmarks.roundtrip.http.HttpTransport;
import io.procmesh.benchmarks.roundtrip.procmesh.HostEchoMain;
import io.procmesh.benchmarks.roundtrip.procmesh.ProcmeshRawTransport;
import io.procmesh.benchmarks.roundtrip.procmesh.RawEchoMain;
import io.procmesh.benchmarks.roundtrip.procmesh.TypedProxyTransport;
import io.procmesh.benchmarks.roundtrip.raw.RawQueueEchoMain;
import io.procmesh.benchmarks.roundtrip.raw.RawQueueTransport;
import io.procmesh.core.registry.InstanceRecord;
import net.openhft.chronicle.values.Values;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything measured as request/response between two JVMs: the requesting side's transport and the partner
 * JVM that answers.
 */
public enum Subject
{
    RAW_QUEUE("raw-queue", "raw Chronicle Queue ping-pong, Chronicle API only (the floor)", RawQueueEchoMain.class),
    PROCMESH("procmesh", "procmesh raw path: RpcClient.invoke of ReusableCalls to a ServiceHost raw handler",
        RawEchoMain.class),
    PROCMESH_TYPED("procmesh-typed", "procmesh typed proxy: blocking echo.echo(String) to a ServiceHost, JSON",
        HostEchoMain.class),
    HTTP("http", "JDK HttpClient POST of JSON to a Jetty 12 handler, loopback, keep-alive",
        HttpEchoServerMain.class);

    private static final String CLIENT_INSTANCE = "bench-client-1";
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private final String id;
    private final String description;
    private final Class<?> responderMain;

    Subject(final String id, final String description, final Class<?> responderMain)
    {
        this.id = id;
        this.description = description;
        this.responderMain = responderMain;
    }

    public String id()
    {
        return id;
    }

    public String description()
    {
        return description;
    }

    public Class<?> responderMain()
    {
        return responderMain;
    }

    /**
     * @return what the requester connects to: the shared data directory, or the URL the HTTP partner printed.
     */
    public String target(final Path dataDirectory, final String readyLine)
    {
        if (this == HTTP)
        {
            return "http://127.0.0.1:" + readyLine.substring(HttpEchoServerMain.READY_PREFIX.length()).trim() + "/";
        }
        return dataDirectory.toString();
    }

    /**
     * Does the slow one-off work of this subject's client before the partner is ready, so the two JVMs' start-ups
     * overlap: procmesh generates its registry record's off-heap class (Chronicle Values compiles it at run time).
     */
    public void preload()
    {
        if (this == PROCMESH || this == PROCMESH_TYPED)
        {
            Values.newNativeReference(InstanceRecord.class);
        }
    }

    public RequestTransport connect(final String target, final String idleStrategy)
    {
        switch (this)
        {
            case RAW_QUEUE:
                return new RawQueueTransport(Path.of(target));
            case PROCMESH:
                return new ProcmeshRawTransport(Path.of(target), CLIENT_INSTANCE);
            case PROCMESH_TYPED:
                return new TypedProxyTransport(Path.of(target), CLIENT_INSTANCE, idleStrategy);
            case HTTP:
                return new HttpTransport(URI.create(target), HTTP_TIMEOUT);
            default:
                throw new IllegalStateException("no transport for " + this);
        }
    }

    public static Subject byId(final String id)
    {
        for (final Subject subject : values())
        {
            if (subject.id.equals(id))
            {
                return subject;
            }
        }
        throw new IllegalArgumentException("unknown subject '" + id + "'");
    }
}
