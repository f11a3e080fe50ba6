package io.procmesh.core.rpc;

import io.procmesh.core.registry.InstanceSnapshot;
import io.procmesh.core.registry.InstanceStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The version ranges callers pin a service with, against npm's semantics, and the metadata filters beside them.
 */
class VersionRangeTest
{
    private static final List<String> VERSIONS = List.of("0.0.3", "0.0.4", "0.2.3", "0.2.9", "0.3.0", "1.0.0",
        "1.2.2", "1.2.3", "1.2.9", "1.3.0", "1.9.9", "2.0.0", "2.0.0-rc.1", "1.2.3+build.7", "10.0.0");

    @Test
    void shouldMatchCaretTildeExactPartialAndAnyRangesAsNpmDoes()
    {
        assertEquals(List.of("1.0.0", "1.2.2", "1.2.3", "1.2.9", "1.3.0", "1.9.9", "1.2.3+build.7"), matching("^1"));
        assertEquals(List.of("1.2.3", "1.2.9", "1.3.0", "1.9.9", "1.2.3+build.7"), matching("^1.2.3"));
        assertEquals(List.of("0.2.3", "0.2.9"), matching("^0.2.3"));
        assertEquals(List.of("0.0.3"), matching("^0.0.3"));
        assertEquals(List.of("1.2.3", "1.2.9", "1.2.3+build.7"), matching("~1.2.3"));
        assertEquals(List.of("1.2.2", "1.2.3", "1.2.9", "1.2.3+build.7"), matching("~1.2"));
        assertEquals(matching("^1"), matching("~1"));
        assertEquals(matching("^1"), matching("1"));
        assertEquals(matching("~1.2"), matching("1.2"));
        assertEquals(List.of("1.2.3", "1.2.3+build.7"), matching("1.2.3"));
        assertEquals(List.of("2.0.0-rc.1"), matching("2.0.0-rc.1"), "a prerelease only in an exact range");
        assertEquals(VERSIONS, matching("*"));
        assertEquals(List.of("2.0.0", "10.0.0"), List.of("2.0.0", "10.0.0").stream()
            .filter(VersionRange.parse("*")::matches).toList());
    }

    @Test
    void shouldKeepInstancesWithoutASemanticVersionOutOfEveryRangeButAny()
    {
        for (final String version : new String[]{null, "", "dev", "1.2", "1.x.0", "v1.0.0", "1.0.0-"})
        {
            assertEquals(false, VersionRange.parse("^1").matches(version), version);
            assertEquals(true, VersionRange.parse("*").matches(version), version);
        }
    }

    @Test
    void shouldRefuseABadRangeWithOneLineSayingWhatIsAllowed()
    {
        for (final String bad : new String[]{"", "^", "^x", ">=1.0.0", "1.2.3.4", "^1.2.3-rc.1", "1.2.x", "~-1",
            "1234567.0.0"})
        {
            final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> VersionRange.parse(bad), bad);
            assertEquals(1, error.getMessage().lines().count(), error.getMessage());
            assertEquals(true, error.getMessage().startsWith("'" + bad + "' is not a version range: "),
                error.getMessage());
        }
    }

    @Test
    void shouldParseAMetadataFilterAndNameItsKeyWhenBad()
    {
        assertEquals(Map.of("role", "primary", "zone", "eu-1"),
            MetadataFilter.parse("k", "role=primary, zone = eu-1"));
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> MetadataFilter.parse("procmesh.metadataFilter.pricing", "role"));
        assertEquals("procmesh.metadataFilter.pricing: 'role' is not a metadata filter: use " +
            "name=value[,name=value...], e.g. role=primary", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MetadataFilter.parse("k", "=x"));
        assertThrows(IllegalArgumentException.class, () -> MetadataFilter.parse("k", "a=1,"));
    }

    @Test
    void shouldAdmitOnlyInstancesInTheRangeWithTheMetadataAndNameTheKeyOfABadSetting()
    {
        System.setProperty("procmesh.versionRange.pricing-test", "^1");
        System.setProperty("procmesh.metadataFilter.stock-test", "role=primary");
        try
        {
            final InstanceSelectors selectors = new InstanceSelectors(Map.of(), Map.of());
            assertEquals(true, selectors.admits(instance("pricing-test", "1.4.0", "")));
            assertEquals(false, selectors.admits(instance("pricing-test", "2.0.0", "")));
            assertEquals(true, selectors.admits(instance("stock-test", "", "{\"role\":\"primary\",\"zone\":\"a\"}")));
            assertEquals(false, selectors.admits(instance("stock-test", "", "{\"role\":\"replica\"}")));
            assertEquals(false, selectors.admits(instance("stock-test", "", "")));
            assertEquals(true, selectors.admits(instance("other", "9.9.9", "")));
            assertEquals(" in version range '^1'", selectors.describe("pricing-test"));
            assertEquals(" with metadata {role=primary}", selectors.describe("stock-test"));
            assertEquals("", selectors.describe("other"));

            final InstanceSelectors overridden = new InstanceSelectors(Map.of("pricing-test", "~2.0"), Map.of());
            assertEquals(true, overridden.admits(instance("pricing-test", "2.0.5", "")));
            assertEquals(false, overridden.admits(instance("pricing-test", "1.4.0", "")));

            final IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new InstanceSelectors(Map.of("pricing-test", "^one"), Map.of()));
            assertEquals("procmesh.versionRange.pricing-test: '^one' is not a version range: use ^1.2.3, ~1.2.3, " +
                "1.2.3, 1.2, 1 or *", bad.getMessage());
        }
        finally
        {
            System.clearProperty("procmesh.versionRange.pricing-test");
            System.clearProperty("procmesh.metadataFilter.stock-test");
        }
    }

    private static InstanceSnapshot instance(final String service, final String version, final String metadata)
    {
        return new InstanceSnapshot(service, service + "-1", version, "/inbox", metadata, 1, 0, InstanceStatus.UP, 1,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private static List<String> matching(final String range)
    {
        final VersionRange parsed = VersionRange.parse(range);
        return VERSIONS.stream().filter(parsed::matches).toList();
    }
}
