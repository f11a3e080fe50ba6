package io.procmesh.launcher.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * A service's {@code classPath:} entries, resolved against the topology file's directory and checked: each exists,
 * a file is a jar, and none brings its own procmesh-core. The launcher's copy of core is the one every child runs
 * (the registry layout, the envelope codec and the Chronicle flags must match across processes), and a second copy
 * in front of it would win silently; so such a jar is refused with one line.
 */
final class ServiceClassPath
{
    /**
     * What marks a copy of procmesh-core: its entry point, present in every build of it.
     */
    static final String CORE_MARKER = "io/procmesh/core/Procmesh.class";

    private final String source;
    private final Path baseDirectory;

    ServiceClassPath(final String source, final Path baseDirectory)
    {
        this.source = source;
        this.baseDirectory = baseDirectory;
    }

    List<Path> resolve(final String service, final List<Located<String>> entries)
    {
        final List<Path> paths = new ArrayList<>();
        if (entries == null)
        {
            return paths;
        }
        for (final Located<String> entry : entries)
        {
            final String value = entry.value() == null ? "" : entry.value().trim();
            final String what = "classPath entry '" + value + "' of service '" + service + "'";
            final Path path;
            try
            {
                path = value.isEmpty() ? null : baseDirectory.resolve(value).toAbsolutePath().normalize();
            }
            catch (final InvalidPathException ex)
            {
                throw new TopologyException(entry.mark(source), what + " is not a valid path");
            }
            if (path == null)
            {
                throw new TopologyException(entry.mark(source), "empty classPath entry in service '" + service + "'");
            }
            if (!Files.exists(path))
            {
                throw new TopologyException(entry.mark(source), what + " does not exist (" + path +
                    "; relative entries are taken from the topology file's directory)");
            }
            if (bundlesCore(entry, what, path))
            {
                throw new TopologyException(entry.mark(source), what + " bundles its own procmesh-core (" +
                    CORE_MARKER + " inside): core comes from the launcher, build the jar without it");
            }
            paths.add(path);
        }
        return paths;
    }

    private boolean bundlesCore(final Located<String> entry, final String what, final Path path)
    {
        if (Files.isDirectory(path))
        {
            return Files.exists(path.resolve(CORE_MARKER));
        }
        try (ZipFile jar = new ZipFile(path.toFile()))
        {
            return jar.getEntry(CORE_MARKER) != null;
        }
        catch (final IOException ex)
        {
            throw new TopologyException(entry.mark(source), what + " is neither a directory nor a readable jar (" +
                path + ": " + ex.getMessage() + ")", ex);
        }
    }
}
