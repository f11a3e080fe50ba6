package io.procmesh.core.test;

import io.procmesh.core.channel.HandledMark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * Child JVM main: claims indexes 1..count of one {@link HandledMark} as a reader of the inbox would, once the go
 * file exists, and writes the claimed ones as a bit set. Args: queueDirectory count goFile outFile.
 */
public final class MarkClaimMain
{
    public static void main(final String[] args) throws Exception
    {
        final HandledMark mark = HandledMark.open(Path.of(args[0]), Long.MAX_VALUE);
        final int count = Integer.parseInt(args[1]);
        final Path go = Path.of(args[2]);
        System.out.println("READY");
        while (!Files.exists(go))
        {
            Thread.onSpinWait();
        }
        final BitSet claimed = new BitSet(count + 1);
        for (int index = 1; index <= count; index++)
        {
            if (mark.claim(index))
            {
                claimed.set(index);
            }
        }
        Files.write(Path.of(args[3]), claimed.toByteArray());
        System.out.println("DONE " + claimed.cardinality());
    }
}
