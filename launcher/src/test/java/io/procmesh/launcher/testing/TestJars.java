package io.procmesh.launcher.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds small jars in a test, as a team's build would: Java sources compiled with the JDK's compiler (against the
 * test's own class path, so they may use procmesh-core), packed into a jar. So the launcher is tested against
 * classes it has never seen, loaded from a jar outside its class path.
 */
public final class TestJars
{
    private TestJars()
    {
    }

    /**
     * @param sources class name to its source, e.g. {@code "com.example.Api" -> "package com.example; ..."}.
     * @return the jar, {@code directory/name}.
     */
    public static Path compile(final Path directory, final String name, final Map<String, String> sources)
    {
        try
        {
            final Path src = Files.createDirectories(directory.resolve(name + "-src"));
            final Path classes = Files.createDirectories(directory.resolve(name + "-classes"));
            final List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-parameters",
                "-cp", System.getProperty("java.class.path")));
            for (final Map.Entry<String, String> source : sources.entrySet())
            {
                final Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
                arguments.add(file.toString());
            }
            final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            final ByteArrayOutputStream errors = new ByteArrayOutputStream();
            if (compiler.run(null, null, errors, arguments.toArray(String[]::new)) != 0)
            {
                throw new IllegalStateException("test sources do not compile:\n" + errors);
            }
            return pack(classes, directory.resolve(name));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param entries entry name to its bytes, written as they are (e.g. a stand-in for a class of procmesh-core).
     */
    public static Path of(final Path jar, final Map<String, byte[]> entries)
    {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file))
        {
            for (final Map.Entry<String, byte[]> entry : entries.entrySet())
            {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
            return jar;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path pack(final Path classes, final Path jar) throws IOException
    {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> paths = Files.walk(classes))
        {
            for (final Path path : (Iterable<Path>)paths.filter(Files::isRegularFile).sorted()::iterator)
            {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(path));
                out.closeEntry();
            }
        }
        return jar;
    }
}
