package io.procmesh.core.rpc;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import net.openhft.chronicle.bytes.Bytes;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON payloads for typed and generic calls, with Jackson. Records and plain classes work as DTOs.
 * Unknown fields are rejected so a caller learns about a misspelt field instead of losing it.
 */
public final class JsonPayloads
{
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);
    private final ObjectMapper mapper;

    public JsonPayloads()
    {
        this(JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .findAndAddModules()
            .build());
    }

    public JsonPayloads(final ObjectMapper mapper)
    {
        this.mapper = mapper;
    }

    public ObjectMapper mapper()
    {
        return mapper;
    }

    /**
     * Writes nothing for null: a call without an argument sends an empty payload.
     */
    public void writeUnlessNull(final Object value, final Bytes<?> out)
    {
        if (value != null)
        {
            write(value, out);
        }
    }

    public void write(final Object value, final Bytes<?> out)
    {
        try
        {
            mapper.writeValue(out.outputStream(), value);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write JSON payload: " + ex.getMessage(), ex);
        }
    }

    /**
     * Reads the remaining bytes as JSON of the given type. An empty payload reads as null.
     */
    public <T> T read(final Bytes<?> in, final JavaType type) throws IOException
    {
        final int length = (int)in.readRemaining();
        if (length == 0)
        {
            return null;
        }
        byte[] buffer = SCRATCH.get();
        if (buffer.length < length)
        {
            buffer = new byte[Math.max(length, buffer.length * 2)];
            SCRATCH.set(buffer);
        }
        in.read(buffer, 0, length);
        return mapper.readValue(buffer, 0, length, type);
    }

    /**
     * Builds the reader and writer of the type now, into the mapper's caches, rather than in the first call that
     * needs them: milliseconds for a bean type, paid at start instead of by a caller.
     */
    public void prepare(final JavaType type)
    {
        mapper.readerFor(type);
        mapper.writerFor(type);
    }

    public JavaType type(final java.lang.reflect.Type type)
    {
        return mapper.getTypeFactory().constructType(type);
    }
}
