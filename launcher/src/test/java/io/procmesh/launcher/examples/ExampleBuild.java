package io.procmesh.launcher.examples;

import io.procmesh.launcher.testing.TestJars;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds an example project as its pom does, without Maven inside Maven: every source under src/main/java
 * compiled with {@code -parameters} against procmesh-core (on this test's class path, where the example's
 * "provided" scope puts it) and packed into the jar its topology names. Maven would need procmesh-core installed in
 * a local repository, which {@code mvn verify} does not do.
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
        return Files.isDirectory(fromModule) ? fromModule : Path.of("examples", name).toAbsolutePath().normalize();
    }

    /**
     * Reads the example's pom.xml as Maven would (well-formed XML) and returns its {@code build/finalName}, so a pom
     * a newcomer could not build, or one whose jar is not the one the topology names, fails here.
     */
    static String finalName(final Path project) throws Exception
    {
        final javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        final org.w3c.dom.Document pom = factory.newDocumentBuilder().parse(project.resolve("pom.xml").toFile());
        return pom.getElementsByTagName("finalName").item(0).getTextContent().trim();
    }

    /**
     * @return the jar, {@code directory/jarName}.
     */
    static Path buildJar(final Path project, final Path directory, final String jarName) throws IOException
    {
        final Path sourceRoot = project.resolve("src/main/java");
        final Map<String, String> sources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(sourceRoot))
        {
            for (final Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList())
            {
                final String relative = sourceRoot.relativize(file).toString();
                sources.put(relative.substring(0, relative.length() - ".java".length()).replace('/', '.'),
                    Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        Files.createDirectories(directory);
        return TestJars.compile(directory, jarName, sources);
    }
}
