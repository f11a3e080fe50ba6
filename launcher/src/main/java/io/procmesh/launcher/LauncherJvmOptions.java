package io.procmesh.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options the launcher itself runs with, from {@code launcher.jvm-options} beside this class: the file the
 * ./procmesh script passes to java as an @argfile, so that whoever starts the launcher from Java starts it alike.
 */
public final class LauncherJvmOptions
{
    private static final String FILE = "launcher.jvm-options";

    private LauncherJvmOptions()
    {
    }

    /**
     * @return the options, in the file's order; a {@code #} starts a comment to the end of its line.
     */
    public static List<String> list()
    {
        try (InputStream in = LauncherJvmOptions.class.getResourceAsStream(FILE))
        {
            if (in == null)
            {
                throw new IllegalStateException(FILE + " is missing from the launcher's class path");
            }
            final List<String> options = new ArrayList<>();
            for (final String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
            {
                final int comment = line.indexOf('#');
                final String text = (comment >= 0 ? line.substring(0, comment) : line).trim();
                if (!text.isEmpty())
                {
                    options.addAll(List.of(text.split("\\s+")));
                }
            }
            return List.copyOf(options);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
