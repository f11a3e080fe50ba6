package io.procmesh.launcher.examples;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds an example project as its pom would, without Maven inside Maven: its sources compiled with
 * {@code -parameters} against procmesh-core (on this test's class path, where the example's "provided" scope puts
 * it), then packed into the jar its topology names. Maven would need procmesh-core installed in a local
 * repository, which {@code mvn verify} does not do.
 */
final class ExampleBuild
{
    private ExampleBuild()
    {
    }

    /**
     * @return the example project's directory, found from the launcher module's working directory.
     */
    static Path example(final String name)
    {
        final Path fromModule = Path.of("..", "examples", name).toAbsolutePath().normalize();
        final Path fromRoot = Path.of("examples", name).toAbsolutePath().normalize();
        return Files.isDirectory(fromModule) ? fromModule : fromRoot;
    }

    static void buildJar(final Path project, final Path jar, final Path workDirectory) throws IOException
    {
        final List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(project.resolve("src/main/java")))
        {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> sources.add(file.toString()));
        }
        final Path classes = Files.createDirectories(workDirectory.resolve("classes"));
        final List<String> arguments = new ArrayList<>(List.of(
            "-parameters", "--release", "17", "-d", classes.toString(),
            "-cp", System.getProperty("java.class.path")));
        arguments.addAll(sources);
        final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        final int result = compiler.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));
        if (result != 0)
        {
            throw new IllegalStateException("the example did not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));
        }
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar);
             JarOutputStream jarOut = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes))
        {
            files.filter(Files::isRegularFile).sorted().forEach(file ->
            {
                try
                {
                    jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    jarOut.write(Files.readAllBytes(file));
                    jarOut.closeEntry();
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
    }
}
