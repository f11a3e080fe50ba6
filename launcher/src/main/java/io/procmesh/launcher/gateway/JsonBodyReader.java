package io.procmesh.launcher.gateway;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a JSON request body without holding a thread: chunks are taken as Jetty offers them and reading resumes
 * on demand. The size limit is checked twice, against Content-Length up front and against the bytes actually
 * read, so a chunked or lying client cannot push more than the limit into memory.
 * <p>
 * A body over the limit is read and dropped, up to {@value #MAX_DISCARDED_BYTES} bytes, before the 413 goes out:
 * closing a connection with unread bytes in its receive buffer makes the kernel reset it, and the reset can reach
 * the client before the answer it was sent after (GatewayApiTest in CI: "header parser received no bytes").
 * Beyond that much the connection is closed without waiting, and a client may see the reset instead.
 */
final class JsonBodyReader
{
    static final int MAX_DISCARDED_BYTES = 1 << 20;
    private static final byte[] EMPTY = new byte[0];
    private final int maxBodyBytes;

    JsonBodyReader(final int maxBodyBytes)
    {
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * @return the body bytes (empty when the request has none); fails with a {@link GatewayException}:
     * 415 for a body that is not JSON, 413 for one over the limit, 400 when the transport fails mid-body.
     */
    CompletableFuture<byte[]> read(final Request request)
    {
        final long declaredLength = request.getLength();
        final boolean hasBody = declaredLength > 0 ||
            (declaredLength < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
        if (!hasBody)
        {
            return CompletableFuture.completedFuture(EMPTY);
        }
        final String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (!isJson(contentType))
        {
            return CompletableFuture.failedFuture(
                new GatewayException(GatewayError.unsupportedMediaType(contentType)));
        }
        if (declaredLength > maxBodyBytes + (long)MAX_DISCARDED_BYTES)
        {
            return CompletableFuture.failedFuture(new GatewayException(GatewayError.payloadTooLarge(maxBodyBytes)));
        }
        final Accumulator accumulator = new Accumulator(request, maxBodyBytes,
            (int)Math.min(maxBodyBytes, Math.max(declaredLength, 512)));
        if (declaredLength > maxBodyBytes)
        {
            accumulator.discardFrom(0);
        }
        accumulator.run();
        return accumulator.result;
    }

    static boolean isJson(final String contentType)
    {
        if (contentType == null)
        {
            return false;
        }
        final int semicolon = contentType.indexOf(';');
        final String baseType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .trim().toLowerCase(Locale.ROOT);
        return baseType.equals("application/json") ||
            (baseType.startsWith("application/") && baseType.endsWith("+json"));
    }

    /**
     * The demand callback: drains what is available, then asks to be called again.
     */
    private static final class Accumulator implements Runnable
    {
        final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final Request request;
        private final int maxBodyBytes;
        private byte[] bytes;
        private int size;
        private long discarded = -1;

        Accumulator(final Request request, final int maxBodyBytes, final int initialCapacity)
        {
            this.request = request;
            this.maxBodyBytes = maxBodyBytes;
            this.bytes = new byte[Math.min(initialCapacity, maxBodyBytes)];
        }

        @Override
        public void run()
        {
            try
            {
                drain();
            }
            catch (final RuntimeException ex)
            {
                // Thrown on a Jetty demand thread, it would only be logged there and the request would hang.
                result.completeExceptionally(ex);
            }
        }

        private void drain()
        {
            while (true)
            {
                final Content.Chunk chunk = request.read();
                if (chunk == null)
                {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk))
                {
                    result.completeExceptionally(new GatewayException(GatewayError.of(400, "BAD_REQUEST",
                        "could not read the request body: " + chunk.getFailure()), chunk.getFailure()));
                    return;
                }
                final boolean last = chunk.isLast();
                try
                {
                    if (discarded < 0 && !append(chunk.getByteBuffer()))
                    {
                        discardFrom(size);
                    }
                    if (discarded >= 0)
                    {
                        discarded += chunk.getByteBuffer().remaining();
                    }
                }
                finally
                {
                    chunk.release();
                }
                if (discarded > MAX_DISCARDED_BYTES || (discarded >= 0 && last))
                {
                    result.completeExceptionally(new GatewayException(GatewayError.payloadTooLarge(maxBodyBytes)));
                    return;
                }
                if (last)
                {
                    result.complete(size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
                    return;
                }
            }
        }

        /**
         * From now on chunks are counted and dropped, and the read ends in a 413.
         */
        void discardFrom(final long alreadyRead)
        {
            discarded = alreadyRead;
            bytes = EMPTY;
        }

        private boolean append(final ByteBuffer buffer)
        {
            final int length = buffer.remaining();
            if (length > maxBodyBytes - size)
            {
                return false;
            }
            if (size + length > bytes.length)
            {
                bytes = Arrays.copyOf(bytes, Math.min(maxBodyBytes, Math.max(size + length, bytes.length * 2)));
            }
            buffer.get(bytes, size, length);
            size += length;
            return true;
        }
    }
}
