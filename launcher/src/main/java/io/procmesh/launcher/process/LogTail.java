package io.procmesh.launcher.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The last line a child wrote, so an alert can say why it keeps dying without the operator opening the log.
 */
public final class LogTail
{
    private static final int TAIL_BYTES = 8 * 1024;
    private static final String LAUNCHER_MARK = "=== procmesh launcher";

    private LogTail()
    {
    }

    /**
     * @return the last non-blank line the child wrote (not the launcher's own start markers), or a note why not.
     */
    public static String lastLine(final Path log)
    {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r"))
        {
            final long start = Math.max(0, file.length() - TAIL_BYTES);
            final byte[] tail = new byte[(int)(file.length() - start)];
            file.seek(start);
            file.readFully(tail);
            final String[] lines = new String(tail, StandardCharsets.UTF_8).split("\\R");
            for (int i = lines.length - 1; i >= 0; i--)
            {
                final String line = lines[i].strip();
                if (!line.isEmpty() && !line.startsWith(LAUNCHER_MARK))
                {
                    return line;
                }
            }
            return "(it wrote nothing)";
        }
        catch (final IOException ex)
        {
            return "(log unreadable: " + ex.getMessage() + ")";
        }
    }
}
