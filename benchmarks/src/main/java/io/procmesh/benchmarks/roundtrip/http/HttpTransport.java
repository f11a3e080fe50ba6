package io.procmesh.benchmarks.roundtrip.http;

import io.procmesh.benchmarks.harness.ReplyListener;
import io.procmesh.benchmarks.harness.RequestTransport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The usual microservice call: JDK HttpClient, HTTP/1.1 keep-alive, a blocking POST of a JSON body to Jetty on
 * loopback. The request body is pre-encoded with the stamp patched in place, like procmesh's low-level path; the
 * stamp is read back from the reply bytes. What allocates here is the HTTP client's own doing.
 */
public final class HttpTransport implements RequestTransport
{
    private static final byte[] PREFIX = "{\"t\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIDDLE = ",\"p\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "\"}".getBytes(StandardCharsets.US_ASCII);
    private static final int STAMP_DIGITS = 19;
    private static final int OVERHEAD_BYTES = PREFIX.length + STAMP_DIGITS + MIDDLE.length + SUFFIX.length;

    private final HttpClient client;
    private final URI uri;
    private final Duration timeout;
    private byte[] body = new byte[0];
    private long pendingStamp;
    private boolean replied;

    public HttpTransport(final URI baseUri, final Duration timeout)
    {
        this.client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
        this.uri = baseUri.resolve(EchoHandler.PATH);
        this.timeout = timeout;
    }

    @Override
    public int maxInFlight()
    {
        return 1;
    }

    @Override
    public void prepare(final int payloadBytes)
    {
        if (payloadBytes < OVERHEAD_BYTES)
        {
            throw new IllegalArgumentException("HTTP JSON payload must be at least " + OVERHEAD_BYTES + " bytes");
        }
        body = new byte[payloadBytes];
        Arrays.fill(body, (byte)'x');
        System.arraycopy(PREFIX, 0, body, 0, PREFIX.length);
        System.arraycopy(MIDDLE, 0, body, PREFIX.length + STAMP_DIGITS, MIDDLE.length);
        System.arraycopy(SUFFIX, 0, body, payloadBytes - SUFFIX.length, SUFFIX.length);
    }

    @Override
    public void send(final long intendedSendNs) throws Exception
    {
        // Right-aligned and padded with spaces: JSON forbids leading zeros but allows whitespace.
        long remaining = intendedSendNs;
        for (int i = PREFIX.length + STAMP_DIGITS - 1; i >= PREFIX.length; i--)
        {
            body[i] = remaining == 0 && i < PREFIX.length + STAMP_DIGITS - 1 ? (byte)' ' : (byte)('0' + remaining % 10);
            remaining /= 10;
        }
        final HttpRequest request = HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
        final HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200)
        {
            throw new IllegalStateException("POST " + uri + " answered " + response.statusCode());
        }
        pendingStamp = readStamp(response.body());
        replied = true;
    }

    private static long readStamp(final byte[] reply)
    {
        long value = 0;
        for (int i = PREFIX.length; i < reply.length && reply[i] >= '0' && reply[i] <= '9'; i++)
        {
            value = value * 10 + (reply[i] - '0');
        }
        return value;
    }

    @Override
    public int poll(final ReplyListener listener)
    {
        if (!replied)
        {
            return 0;
        }
        replied = false;
        listener.onReply(pendingStamp);
        return 1;
    }

    @Override
    public void close()
    {
        // JDK 17's HttpClient has no close(); its selector thread ends with the JVM.
    }
}
