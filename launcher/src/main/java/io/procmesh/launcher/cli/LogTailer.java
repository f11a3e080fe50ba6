package io.procmesh.launcher.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One instance's log file, read from a position on: its last lines, then whatever is appended. The launcher
 * appends every start of the instance to the same file, so a restart needs nothing special; a file that was
 * replaced (another inode) or truncated, e.g. by an operator's logrotate, is read again from its start.
 */
final class LogTailer
{
    private static final int CHUNK = 8 * 1024;

    private final Path file;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private Object fileKey;
    private long position;

    LogTailer(final Path file)
    {
        this.file = file;
    }

    Path file()
    {
        return file;
    }

    /**
     * @return the file's last lines, at most count (a missing file has none); reading goes on after them.
     */
    List<String> last(final int count) throws IOException
    {
        final BasicFileAttributes attributes = attributes();
        if (attributes == null)
        {
            return List.of();
        }
        fileKey = attributes.fileKey();
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r"))
        {
            final long length = in.length();
            long start = length;
            int newlines = 0;
            final byte[] chunk = new byte[CHUNK];
            // Backwards from the end until count line ends are seen before the file's own last one.
            while (start > 0 && newlines < count)
            {
                final int size = (int)Math.min(CHUNK, start);
                start -= size;
                in.seek(start);
                in.readFully(chunk, 0, size);
                for (int i = size - 1; i >= 0; i--)
                {
                    if (chunk[i] == '\n' && start + i != length - 1 && ++newlines == count)
                    {
                        start += i + 1;
                        break;
                    }
                }
            }
            position = start;
        }
        final List<String> lines = poll();
        return lines.size() > count ? lines.subList(lines.size() - count, lines.size()) : lines;
    }

    /**
     * @return the line being written at the end of the file, if any, which {@link #poll()} holds back until it
     * ends; it is then not returned again.
     */
    String takePartial()
    {
        final String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        return line;
    }

    /**
     * @return the complete lines appended since the last call (a line still being written waits for its end).
     */
    List<String> poll() throws IOException
    {
        final BasicFileAttributes attributes = attributes();
        if (attributes == null)
        {
            return List.of();
        }
        if (!Objects.equals(attributes.fileKey(), fileKey) || attributes.size() < position)
        {
            fileKey = attributes.fileKey();
            position = 0;
            partial.reset();
        }
        if (attributes.size() == position)
        {
            return List.of();
        }
        final List<String> lines = new ArrayList<>();
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r"))
        {
            in.seek(position);
            final byte[] chunk = new byte[CHUNK];
            int read;
            while ((read = in.read(chunk)) > 0)
            {
                position += read;
                for (int i = 0; i < read; i++)
                {
                    if (chunk[i] == '\n')
                    {
                        lines.add(partial.toString(StandardCharsets.UTF_8).stripTrailing());
                        partial.reset();
                    }
                    else
                    {
                        partial.write(chunk[i]);
                    }
                }
            }
        }
        return lines;
    }

    private BasicFileAttributes attributes() throws IOException
    {
        try
        {
            return Files.readAttributes(file, BasicFileAttributes.class);
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
    }
}
