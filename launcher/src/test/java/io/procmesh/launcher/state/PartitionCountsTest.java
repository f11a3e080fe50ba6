package io.procmesh.launcher.state;

import io.procmesh.core.config.DataDirectory;
import io.procmesh.core.test.TestDirectories;
import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: a partitioned service's count is recorded on its first start; a later start with another count, with
 * partitions over unpartitioned stores, or without partitions over partitioned data, is refused with one line.
 */
class PartitionCountsTest
{
    private final DataDirectory data = new DataDirectory(TestDirectories.create("partition-counts"));

    @Test
    void shouldRecordTheCountOnceAndAcceptItAgain() throws Exception
    {
        PartitionCounts.checkAndRecord(data, Map.of("user", 2, "order", 0));

        assertEquals("2", Files.readString(data.partitionCountFile("user"), StandardCharsets.UTF_8).trim());
        assertTrue(Files.notExists(data.partitionCountFile("order")), "an unpartitioned service records nothing");
        PartitionCounts.checkAndRecord(data, Map.of("user", 2, "order", 0));
    }

    @Test
    void shouldRefuseAnotherCountOverTheSameData() throws Exception
    {
        PartitionCounts.checkAndRecord(data, Map.of("user", 2));

        assertEquals("service 'user' has partitions: 4 in the topology but its data in " + data.state("user") +
            " was written with partitions: 2: keys would be routed away from their data; use a new data directory, " +
            "or export and import the data (docs/operations.md, \"State when a service has replicas\")",
            refusal(Map.of("user", 4)));
        assertTrue(refusal(Map.of("user", 0)).startsWith("service 'user' has no partitions in the topology but " +
            "its data in " + data.state("user") + " was written with partitions: 2: "));
    }

    @Test
    void shouldRefusePartitionsOverUnpartitionedStores() throws Exception
    {
        Files.createDirectories(data.state("user"));
        Files.writeString(data.state("user").resolve("users.cm"), "");

        assertTrue(refusal(Map.of("user", 2)).startsWith("service 'user' has partitions: 2 in the topology but its " +
            "data in " + data.state("user") + " was written with unpartitioned stores: "));
        assertTrue(Files.notExists(data.partitionCountFile("user")), "nothing recorded when refused");
    }

    private String refusal(final Map<String, Integer> partitions)
    {
        final LauncherException refused = assertThrows(LauncherException.class,
            () -> PartitionCounts.checkAndRecord(data, partitions));
        assertEquals(ExitCodes.USAGE, refused.exitCode());
        assertEquals(-1, refused.getMessage().indexOf('\n'), refused.getMessage());
        return refused.getMessage();
    }
}
