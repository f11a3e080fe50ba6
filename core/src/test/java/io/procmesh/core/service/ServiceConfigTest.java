package io.procmesh.core.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceConfigTest
{
    record Limits(int max, String unit)
    {
    }

    @Test
    void shouldReadTypedValuesWithDefaults()
    {
        final ServiceConfig config = ServiceConfig.of("inventory", Map.of("startingStock", 10, "name", "shop",
            "ratio", 0.5, "on", true, "tags", List.of("a", "b"), "limits", Map.of("max", 3, "unit", "kg")));
        assertEquals(10, config.get("startingStock", Integer.class));
        assertEquals(10, config.get("startingStock", int.class));
        assertEquals(10L, config.get("startingStock", Long.class));
        assertEquals(10.0, config.get("startingStock", Double.class));
        assertEquals("shop", config.get("name", String.class));
        assertEquals(0.5, config.get("ratio", Double.class));
        assertEquals(true, config.get("on", Boolean.class));
        assertEquals(List.of("a", "b"), config.get("tags", List.class));
        assertEquals(new Limits(3, "kg"), config.get("limits", Limits.class));
        assertEquals(7, config.get("absent", Integer.class, 7));
        assertEquals("topology", config.source("name"));
        assertEquals(Set.of("startingStock", "name", "ratio", "on", "tags", "limits"), config.keys());
    }

    @Test
    void shouldNameTheKeyWhenAValueIsMissingOrOfTheWrongType()
    {
        final ServiceConfig config = ServiceConfig.of("inventory", Map.of("startingStock", "ten", "ratio", 2.9));
        final IllegalArgumentException missing =
            assertThrows(IllegalArgumentException.class, () -> config.get("maxStock", Integer.class));
        assertTrue(missing.getMessage().startsWith("config key 'maxStock' of service 'inventory' is not set"),
            missing.getMessage());
        final IllegalArgumentException wrong =
            assertThrows(IllegalArgumentException.class, () -> config.get("startingStock", Integer.class, 1));
        assertEquals("config key 'startingStock' of service 'inventory' must be an integer (Integer), was \"ten\" " +
            "(from the topology)", wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config.get("ratio", Integer.class));
        assertThrows(IllegalArgumentException.class, () -> config.get("ratio", String.class));
    }

    @Test
    void shouldLetTheOverlayWinAndTellListenersWhichKeysChanged() throws IOException
    {
        final Path dir = TestDirectories.create("service-config");
        final Path configFile = dir.resolve("inventory.json");
        Files.writeString(configFile, "{\"startingStock\": 10, \"currency\": \"EUR\"}");
        final Path overlay = dir.resolve("topology.overlay.json");
        final List<Throwable> errors = new ArrayList<>();
        final ServiceConfig config =
            ServiceConfig.load("inventory", configFile, overlay, new ObjectMapper(), errors::add);
        final List<Set<String>> told = new ArrayList<>();
        config.onChange(told::add);
        assertEquals(Set.of(), config.poll(), "no overlay yet");

        ServiceMainTest.writeAtomically(overlay,
            "{\"services\": {\"inventory\": {\"startingStock\": 12, \"mode\": \"x\"}, \"other\": {\"a\": 1}}}");
        assertEquals(Set.of("startingStock", "mode"), config.poll());
        assertEquals(12, config.get("startingStock", Integer.class));
        assertEquals("overlay", config.source("startingStock"));
        assertEquals("EUR", config.get("currency", String.class));
        assertEquals(Set.of(), config.poll(), "an unchanged file is not read again");

        ServiceMainTest.writeAtomically(overlay, "{\"services\": {\"inventory\": {\"startingStock\": 12}}}");
        assertEquals(Set.of("mode"), config.poll());

        ServiceMainTest.writeAtomically(overlay,
            "{\"services\": {\"inventory\": {\"startingStock\": 12}, \"other\": {\"b\": 2}}}");
        assertEquals(Set.of(), config.poll(), "no value in force changed");

        ServiceMainTest.writeAtomically(overlay, "{not json");
        assertEquals(Set.of(), config.poll());
        assertEquals(Set.of(), config.poll());
        assertEquals(1, errors.size(), "a bad overlay is reported once: " + errors);
        assertTrue(errors.get(0).getMessage().contains("is not valid JSON"), errors.get(0).getMessage());
        assertEquals(12, config.get("startingStock", Integer.class), "a bad overlay keeps the values in force");

        Files.delete(overlay);
        assertEquals(Set.of("startingStock"), config.poll());
        assertEquals(10, config.get("startingStock", Integer.class), "back to the topology's value");
        assertEquals("topology", config.source("startingStock"));
        assertEquals(List.of(Set.of("startingStock", "mode"), Set.of("mode"), Set.of("startingStock")), told);
    }

    @Test
    void shouldRefuseAConfigFileThatIsNotAJsonObject() throws IOException
    {
        final Path file = TestDirectories.create("service-config-bad").resolve("inventory.json");
        Files.writeString(file, "[1, 2]");
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> ServiceConfig.load("inventory", file, null, new ObjectMapper(), e -> { }));
        assertTrue(error.getMessage().startsWith("config file " + file + " must hold a JSON object"),
            error.getMessage());
    }
}
