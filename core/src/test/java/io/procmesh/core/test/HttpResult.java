package io.procmesh.core.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;

/**
 * One HTTP answer as a test sees it.
 */
public record HttpResult(int status, HttpHeaders headers, String body)
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public JsonNode json()
    {
        try
        {
            return MAPPER.readTree(body);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("not JSON (status " + status + "): " + body, ex);
        }
    }

    public String header(final String name)
    {
        return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString()
    {
        return status + " " + body;
    }
}
