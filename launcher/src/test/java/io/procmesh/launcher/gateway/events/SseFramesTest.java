package io.procmesh.launcher.gateway.events;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The text/event-stream encoding: a line break inside the data never ends the event early (CR, LF and CRLF each
 * start a new data line, as a client splits them), the name cannot carry one, and the buffer is reused.
 */
class SseFramesTest
{
    @Test
    void shouldSplitEveryKindOfLineBreakInTheDataIntoDataLines()
    {
        final SseFrames frames = new SseFrames(8);
        frames.event(12_345, "OrderCreated", bytes("{\"a\":1}\nsecond\r\nthird\rfourth"));
        assertEquals("id: 12345\nevent: OrderCreated\ndata: {\"a\":1}\ndata: second\ndata: third\ndata: fourth\n\n",
            text(frames));
    }

    @Test
    void shouldDropLineBreaksFromTheNameAndOmitAnEmptyOne()
    {
        final SseFrames frames = new SseFrames(64);
        frames.event(1, "Evil\r\ndata: injected", bytes("{}"));
        frames.event(2, "", bytes(""));
        assertEquals("id: 1\nevent: Evildata: injected\ndata: {}\n\nid: 2\ndata: \n\n", text(frames));
    }

    @Test
    void shouldWriteRetryAndKeepAliveAndStartAgainAfterClear()
    {
        final SseFrames frames = new SseFrames(64);
        frames.retry(1_000);
        frames.keepAlive();
        assertEquals("retry: 1000\n\n: keep-alive\n\n", text(frames));
        frames.clear();
        assertEquals(0, frames.length());
        frames.event(9_007_199_254_740_993L, "E", bytes("x"));
        assertEquals("id: 9007199254740993\nevent: E\ndata: x\n\n", text(frames));
        assertThrows(IllegalArgumentException.class, () -> frames.event(-1, "E", bytes("x")));
    }

    @Test
    void shouldReadTheDataWithoutConsumingIt()
    {
        final Bytes<?> data = bytes("payload");
        new SseFrames(64).event(3, "E", data);
        assertEquals("payload", data.toString());
    }

    private static Bytes<?> bytes(final String text)
    {
        return Bytes.from(text);
    }

    private static String text(final SseFrames frames)
    {
        final ByteBuffer view = frames.view();
        return StandardCharsets.UTF_8.decode(view).toString();
    }
}
