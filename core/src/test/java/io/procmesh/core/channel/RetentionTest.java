package io.procmesh.core.channel;

import io.procmesh.core.agent.LoggingErrorHandler;
import io.procmesh.core.message.DecodeResult;
import io.procmesh.core.message.Envelope;
import io.procmesh.core.message.EnvelopeCodec;
import io.procmesh.core.test.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RetentionTest
{
    @Test
    void shouldDeleteCyclesTheSoleReaderHasPassedAndKeepTheRest() throws Exception
    {
        final String previous = System.setProperty("procmesh.rollCycle", "TEST_SECONDLY");
        try
        {
            final Path dir = TestDirectories.create("retention").resolve("inbox");
            final EnvelopeCodec codec = new EnvelopeCodec(1024);
            final int[] received = {0};
            final InboundListener counter = new InboundListener()
            {
                public void onEnvelope(final Envelope envelope, final long index)
                {
                    received[0]++;
                }

                public void onDecodeError(final DecodeResult result, final long index)
                {
                    throw new AssertionError(result);
                }
            };
            try (OutboundChannel out = new OutboundChannel(dir, codec);
                 InboundChannel in = InboundChannel.named(dir, "inbox", codec, 1, new LoggingErrorHandler("test")))
            {
                final Envelope envelope = new Envelope().operation("tick");
                final int cycles = 5;
                for (int second = 0; second < cycles; second++)
                {
                    out.send(envelope);
                    while (in.poll(counter) > 0)
                    {
                        Thread.onSpinWait();
                    }
                    Thread.sleep(1_100);
                }
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (cycleFiles(dir) > 3 && System.nanoTime() < deadline)
                {
                    out.send(envelope);
                    while (in.poll(counter) > 0)
                    {
                        Thread.onSpinWait();
                    }
                    Thread.sleep(200);
                }
                assertTrue(in.retentionDeletedFiles() >= 2, "deleted " + in.retentionDeletedFiles());
                assertTrue(cycleFiles(dir) <= 3, "cycle files left: " + cycleFiles(dir));
                assertTrue(received[0] >= cycles);
            }
        }
        finally
        {
            if (previous == null)
            {
                System.clearProperty("procmesh.rollCycle");
            }
            else
            {
                System.setProperty("procmesh.rollCycle", previous);
            }
        }
    }

    @Test
    void shouldDeleteCycleFilesThatAPreviousProcessOfTheInstanceLeftBehind() throws Exception
    {
        final String previous = System.setProperty("procmesh.rollCycle", "TEST_SECONDLY");
        try
        {
            final Path dir = TestDirectories.create("retention-leftovers").resolve("inbox");
            final EnvelopeCodec codec = new EnvelopeCodec(1024);
            final InboundListener ignore = new InboundListener()
            {
                public void onEnvelope(final Envelope envelope, final long index)
                {
                }

                public void onDecodeError(final DecodeResult result, final long index)
                {
                    throw new AssertionError(result);
                }
            };
            final Envelope envelope = new Envelope().operation("tick");
            // The previous process read every cycle and died before its retention deleted any (no retention here).
            try (OutboundChannel out = new OutboundChannel(dir, codec);
                 InboundChannel in = InboundChannel.named(dir, "inbox", codec, 1, null))
            {
                for (int second = 0; second < 4; second++)
                {
                    out.send(envelope);
                    while (in.poll(ignore) > 0)
                    {
                        Thread.onSpinWait();
                    }
                    Thread.sleep(1_100);
                }
            }
            assertTrue(cycleFiles(dir) >= 4, "cycle files: " + cycleFiles(dir));

            try (OutboundChannel out = new OutboundChannel(dir, codec);
                 InboundChannel in = InboundChannel.named(dir, "inbox", codec, 1, new LoggingErrorHandler("test")))
            {
                out.send(envelope);
                while (in.poll(ignore) > 0)
                {
                    Thread.onSpinWait();
                }
                assertTrue(cycleFiles(dir) <= 2, "cycle files left by the previous process: " + cycleFiles(dir));
                assertTrue(in.retentionDeletedFiles() >= 2, "deleted " + in.retentionDeletedFiles());
            }
        }
        finally
        {
            if (previous == null)
            {
                System.clearProperty("procmesh.rollCycle");
            }
            else
            {
                System.setProperty("procmesh.rollCycle", previous);
            }
        }
    }

    @Test
    void shouldRejectAnUnknownRollCycleNamingTheProperty()
    {
        final IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> Queues.rollCycle("HOURLYISH"));
        assertTrue(error.getMessage().contains("procmesh.rollCycle"));
        assertEquals("FAST_HOURLY", Queues.rollCycle("FAST_HOURLY").toString());
    }

    private static long cycleFiles(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(f -> f.toString().endsWith(".cq4")).count();
        }
    }
}
