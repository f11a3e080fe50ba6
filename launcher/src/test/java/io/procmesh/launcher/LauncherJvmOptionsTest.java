package io.procmesh.launcher;

import io.procmesh.core.config.JvmFlags;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LauncherJvmOptionsTest
{
    @Test
    void shouldReadTheOptionsTheScriptPassesWithoutItsComments()
    {
        assertEquals(List.of(JvmFlags.ANALYTICS_DISABLE, "-XX:TieredStopAtLevel=1", "-Xmx256m", "-XX:+UseSerialGC"),
            LauncherJvmOptions.list());
    }
}
