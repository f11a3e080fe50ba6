package io.procmesh.launcher.process;

import io.procmesh.launcher.ExitCodes;
import io.procmesh.launcher.LauncherException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class path children run with: the launcher's own (the launcher jar, or the test class path), made
 * absolute so children find it whatever their working directory. The same artifacts run everywhere.
 */
public final class ChildClassPath
{
    private final List<Path> entries;

    private ChildClassPath(final List<Path> entries)
    {
        this.entries = List.copyOf(entries);
    }

    public static ChildClassPath ofThisJvm()
    {
        return of(System.getProperty("java.class.path", ""));
    }

    /**
     * @param classPath entries separated by the platform's path separator, relative ones made absolute.
     */
    public static ChildClassPath of(final String classPath)
    {
        final List<Path> entries = new ArrayList<>();
        for (final String entry : classPath.split(File.pathSeparator))
        {
            if (!entry.isBlank())
            {
                entries.add(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        if (entries.isEmpty())
        {
            throw new LauncherException(ExitCodes.FAILURE, "the launcher's class path is empty");
        }
        return new ChildClassPath(entries);
    }

    /**
     * @throws LauncherException if an entry is gone, e.g. the jar was rebuilt or deleted under a running launcher.
     */
    public ChildClassPath requireExists()
    {
        for (final Path entry : entries)
        {
            if (!Files.exists(entry))
            {
                throw new LauncherException(ExitCodes.FAILURE, "class path entry " + entry +
                    " is missing (was the jar deleted or rebuilt? rebuild with ./procmesh or mvn package)");
            }
        }
        return this;
    }

    public List<Path> entries()
    {
        return entries;
    }

    /**
     * @return whether every entry is a jar file (class-data sharing archives classes from jars only).
     */
    public boolean allJars()
    {
        for (final Path entry : entries)
        {
            if (!entry.getFileName().toString().endsWith(".jar") || !Files.isRegularFile(entry))
            {
                return false;
            }
        }
        return true;
    }

    public String value()
    {
        final StringBuilder value = new StringBuilder();
        for (final Path entry : entries)
        {
            if (value.length() > 0)
            {
                value.append(File.pathSeparatorChar);
            }
            value.append(entry);
        }
        return value.toString();
    }
}
