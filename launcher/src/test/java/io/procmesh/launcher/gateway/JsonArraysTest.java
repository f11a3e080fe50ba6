package io.procmesh.launcher.gateway;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 12: the gateway's join of the partitions' answers to an {@code @AllPartitions} call, in partition order,
 * without parsing them.
 */
class JsonArraysTest
{
    private static String join(final String... answers)
    {
        final List<byte[]> bytes = Arrays.stream(answers).map(text -> text.getBytes(StandardCharsets.UTF_8)).toList();
        return new String(JsonArrays.concatenate(bytes), StandardCharsets.UTF_8);
    }

    @Test
    void shouldJoinTheElementsInOrderSkippingEmptyAnswers()
    {
        assertEquals("[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"}]",
            join("[{\"id\":\"a\"}]", "[]", " [{\"id\":\"b\"},{\"id\":\"c\"}]\n"));
        assertEquals("[1,2]", join("null", "[1]", "", "[ ]", "[2]"));
        assertEquals("[]", join());
        assertEquals("[\"[x]\"]", join("[\"[x]\"]"));
    }

    @Test
    void shouldRefuseAnAnswerThatIsNoArray()
    {
        assertEquals("an @AllPartitions answer is not a JSON array",
            assertThrows(IllegalStateException.class, () -> join("[1]", "{\"id\":1}")).getMessage());
    }
}
