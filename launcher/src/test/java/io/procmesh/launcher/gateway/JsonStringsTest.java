package io.procmesh.launcher.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonStringsTest
{
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void shouldWriteStringsThatJacksonReadsBackUnchanged() throws Exception
    {
        for (final String text : new String[]{"u-1a2b", "", "quote\" back\\slash", "tab\tnew\nline\u0001",
            "café", "emoji \uD83D\uDE00", "/a/b?c=d"})
        {
            final Bytes<?> out = Bytes.allocateElasticOnHeap(64);
            try
            {
                JsonStrings.write(text, out);
                assertEquals(text, mapper.readValue(out.toByteArray(), String.class));
            }
            finally
            {
                out.releaseLast();
            }
        }
    }

    @Test
    void shouldRecogniseJsonContentTypes()
    {
        assertTrue(JsonBodyReader.isJson("application/json"));
        assertTrue(JsonBodyReader.isJson("Application/JSON; charset=utf-8"));
        assertTrue(JsonBodyReader.isJson("application/problem+json"));
        assertFalse(JsonBodyReader.isJson(null));
        assertFalse(JsonBodyReader.isJson("text/plain"));
        assertFalse(JsonBodyReader.isJson("text/json+xml"));
        assertFalse(JsonBodyReader.isJson("application/x-www-form-urlencoded"));
    }
}
