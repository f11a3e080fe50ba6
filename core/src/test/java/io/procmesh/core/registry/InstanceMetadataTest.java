package io.procmesh.core.registry;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceMetadataTest
{
    @Test
    void shouldRoundTripWithKeysSorted()
    {
        final Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("zone", "eu-1");
        pairs.put("role", "primary \"a\"");

        final String text = InstanceMetadata.encode(pairs);

        assertEquals("{\"role\":\"primary \\\"a\\\"\",\"zone\":\"eu-1\"}", text);
        assertEquals(pairs, InstanceMetadata.decode(text));
    }

    @Test
    void shouldStoreNothingForNoPairsAndReadNothingFromNonsense()
    {
        assertEquals("", InstanceMetadata.encode(Map.of()));
        assertEquals(Map.of(), InstanceMetadata.decode(""));
        assertEquals(Map.of(), InstanceMetadata.decode("zone=eu-1"));
    }

    @Test
    void shouldRefuseBadKeysAndOversizedMetadataNamingThem()
    {
        final IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
            () -> InstanceMetadata.encode(Map.of("1zone", "a")));
        assertTrue(key.getMessage().contains("'1zone'"), key.getMessage());

        final IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
            () -> InstanceMetadata.encode(Map.of("big", "x".repeat(600))));
        assertTrue(size.getMessage().contains("512"), size.getMessage());
    }
}
