package io.procmesh.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.procmesh.core.test.TestDirectories;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigSettingsTest
{
    @Test
    void shouldParseValuesAsJsonWhenTheyParseElseAsStrings()
    {
        final Map<String, JsonNode> changes = ConfigCommand.parse(List.of("a=12", "b=true", "c=\"x\"", "d=[1,2]",
            "e=hello world", "f=12 apples", "g=", "h.i-j_k={\"x\": 1}", "url=http://x/?a=b"));

        assertTrue(changes.get("a").isInt());
        assertTrue(changes.get("b").isBoolean());
        assertEquals("x", changes.get("c").textValue());
        assertTrue(changes.get("d").isArray());
        assertEquals("hello world", changes.get("e").textValue());
        assertEquals("12 apples", changes.get("f").textValue(), "trailing text makes it a string, not 12");
        assertNull(changes.get("g"), "an empty value removes the key");
        assertTrue(changes.containsKey("g"));
        assertTrue(changes.get("h.i-j_k").isObject());
        assertEquals("http://x/?a=b", changes.get("url").textValue(), "only the first '=' splits");
    }

    @Test
    void shouldRefuseASettingWithoutEqualsOrWithABadKey()
    {
        for (final String bad : List.of("noequals", "=1", "9lives=1", "a b=1", "a/b=2"))
        {
            final LauncherException ex = assertThrows(LauncherException.class,
                () -> ConfigCommand.parse(List.of(bad)), bad);
            assertEquals(ExitCodes.USAGE, ex.exitCode(), bad);
        }
    }

    @Test
    void shouldWriteTheOverlayBesideTheTopologyAsAPrivateFileAndShowTheTopologyBlock() throws IOException
    {
        final Path directory = TestDirectories.create("config-overlay");
        final Path topology = directory.resolve("shop.yaml");
        Files.writeString(topology, """
            services:
              inventory:
                mainClass: io.procmesh.core.test.EchoServiceMain
                api: io.procmesh.core.test.EchoApi
                config: {startingStock: 10, name: shelf}
              pricing:
                mainClass: io.procmesh.core.test.EchoServiceMain
            gateway:
              routes:
                - {method: GET, path: /api/echo/{text}, call: inventory.echo}
            """);
        final ConfigOverlay overlay = new ConfigOverlay(topology);
        assertEquals(directory.resolve("shop.overlay.json"), overlay.file());
        assertEquals("{startingStock=10, name=\"shelf\"}", overlay.topologyConfig("inventory").toString());
        assertEquals(Map.of(), overlay.topologyConfig("pricing"));

        overlay.update("inventory", ConfigCommand.parse(List.of("startingStock=25")));
        overlay.update("pricing", ConfigCommand.parse(List.of("discount=0.1")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(overlay.file())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
            directory.resolve("shop.overlay.json.lock"))));
        assertEquals("{startingStock=25}", overlay.overlayConfig("inventory").toString());
        assertEquals("{discount=0.1}", overlay.overlayConfig("pricing").toString());

        overlay.update("inventory", ConfigCommand.parse(List.of("startingStock=")));
        assertEquals(Map.of(), overlay.overlayConfig("inventory"));
        assertEquals("{\"services\":{\"pricing\":{\"discount\":0.1}}}",
            Files.readString(overlay.file()).replaceAll("\\s", ""));

        final LauncherException unknown = assertThrows(LauncherException.class,
            () -> overlay.topologyConfig("nosuch"));
        assertEquals(ExitCodes.USAGE, unknown.exitCode());
        assertTrue(unknown.getMessage().contains("(services: inventory, pricing, gateway)"), unknown.getMessage());
    }

    @Test
    void shouldRefuseToReplaceAnOverlayThatDoesNotParse() throws IOException
    {
        final Path directory = TestDirectories.create("config-overlay-bad");
        final Path topology = directory.resolve("t.yaml");
        Files.writeString(topology, "services: {a: {mainClass: x.Y}}\n");
        Files.writeString(directory.resolve("t.overlay.json"), "{not json");
        final LauncherException ex = assertThrows(LauncherException.class,
            () -> new ConfigOverlay(topology).update("a", ConfigCommand.parse(List.of("k=1"))));
        assertEquals(ExitCodes.FAILURE, ex.exitCode());
        assertEquals("{not json", Files.readString(directory.resolve("t.overlay.json")));
    }
}
