package io.procmesh.core.registry;

import io.procmesh.core.test.ChildJvm;
import io.procmesh.core.test.EchoServiceMain;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One live process per instance id (issue 9, item 5), over real JVMs.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class InstanceIdentityTest
{
    private static final List<String> FAST_STALE = List.of("-Dprocmesh.instanceStaleMs=600");
    private final Path dataDir = TestDirectories.create("identity");
    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void tearDown()
    {
        children.forEach(ChildJvm::close);
    }

    private ChildJvm startEcho(final String log)
    {
        final ChildJvm child = ChildJvm.start(EchoServiceMain.class, dataDir.resolve("logs/" + log + ".log"),
            Duration.ofMinutes(2), FAST_STALE, dataDir.toString(), "echo-1", dataDir.resolve("handled.txt").toString());
        children.add(child);
        return child;
    }

    @Test
    void shouldRefuseASecondLiveProcessOnTheSameInstanceIdWithOneClearError()
    {
        final ChildJvm first = startEcho("first");
        first.awaitLogLine("READY echo-1", Duration.ofSeconds(60));

        final ChildJvm second = startEcho("second");
        assertNotEquals(0, second.waitForExit(Duration.ofSeconds(60)), second.logText());
        final String expected = "instance id 'echo-1' is held by live pid " + first.pid();
        assertTrue(second.logText().contains(expected), "expected '" + expected + "' in:\n" + second.logText());
        assertTrue(!second.logText().contains("READY echo-1"), second.logText());

        assertTrue(first.isAlive());
        try (Registry registry = Registry.open(dataDir.resolve("registry.cm"), 64))
        {
            final InstanceSnapshot entry = registry.attach("echo-1").snapshot();
            assertEquals(first.pid(), entry.pid(), "the refused process overwrote the live holder's entry");
            assertEquals(InstanceStatus.UP, entry.status());
        }
    }

    @Test
    void shouldLetAReplacementInOnceAStoppedHolderGoesStale()
    {
        final ChildJvm first = startEcho("first");
        first.awaitLogLine("READY echo-1", Duration.ofSeconds(60));
        first.signal("STOP");

        final ChildJvm second = startEcho("second");
        second.awaitLogLine("READY echo-1", Duration.ofSeconds(60));
        try (Registry registry = Registry.open(dataDir.resolve("registry.cm"), 64))
        {
            assertEquals(second.pid(), registry.attach("echo-1").snapshot().pid());
        }
    }
}
