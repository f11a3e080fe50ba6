package io.procmesh.launcher.topology;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A topology read from text in a test, as {@code t.yaml} in {@code /base}: the one home of what every topology test
 * parses with, and of the check that a refusal is one line.
 */
final class TopologyText
{
    private static final TopologyLoader LOADER = new TopologyLoader(TopologyText.class.getClassLoader());

    private TopologyText()
    {
    }

    static Topology parse(final String yaml)
    {
        return LOADER.parse("t.yaml", null, Path.of("/base"), yaml);
    }

    /**
     * @return the refusal's message, checked to be one line.
     */
    static String error(final String yaml)
    {
        final String message = assertThrows(TopologyException.class, () -> parse(yaml)).getMessage();
        assertEquals(-1, message.indexOf('\n'), "one line: " + message);
        return message;
    }
}
