package io.procmesh.core.registry;

import net.openhft.chronicle.hash.VanillaGlobalMutableState;
import net.openhft.chronicle.values.ValueModel;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A build step, not run by procmesh itself: writes the Java source of every Chronicle Values class a procmesh JVM
 * instantiates, as Chronicle Values' own run-time path would generate it before compiling it with javac. Core's
 * build runs it after compiling and compiles its output into the same classes (core/pom.xml), so no JVM runs javac
 * at start-up (0.8 s of CPU per JVM on a quiet machine, seconds under load) and a Chronicle upgrade or a change to
 * {@link InstanceRecord} needs no manual step. The generator methods are package-private in Chronicle Values, so
 * they are reached by reflection.
 */
public final class ValueClassGenerator
{
    /**
     * Every generated class. Chronicle Map itself needs VanillaGlobalMutableState's native class for every map (the
     * registry and each service's store); the registry reads InstanceRecord through both.
     */
    static final List<Generated> ALL = List.of(
        new Generated(InstanceRecord.class, Kind.NATIVE),
        new Generated(InstanceRecord.class, Kind.HEAP),
        new Generated(VanillaGlobalMutableState.class, Kind.NATIVE));

    private ValueClassGenerator()
    {
    }

    /**
     * @param args the source root to write into.
     */
    public static void main(final String[] args) throws IOException, ReflectiveOperationException
    {
        if (args.length != 1)
        {
            throw new IllegalArgumentException("usage: ValueClassGenerator <source root to write into>");
        }
        final Path root = Path.of(args[0]);
        for (final Generated generated : ALL)
        {
            final Path file = generated.file(root);
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated.source(), StandardCharsets.UTF_8);
        }
    }

    enum Kind
    {
        NATIVE("$$Native", "generateNativeClass"),
        HEAP("$$Heap", "generateHeapClass");

        final String suffix;
        final String generator;

        Kind(final String suffix, final String generator)
        {
            this.suffix = suffix;
            this.generator = generator;
        }
    }

    record Generated(Class<?> valueInterface, Kind kind)
    {
        String simpleName()
        {
            return valueInterface.getSimpleName() + kind.suffix;
        }

        String className()
        {
            return valueInterface.getPackageName() + "." + simpleName();
        }

        Path file(final Path root)
        {
            return root.resolve(valueInterface.getPackageName().replace('.', '/')).resolve(simpleName() + ".java");
        }

        String source() throws ReflectiveOperationException
        {
            final Method generate = Class.forName("net.openhft.chronicle.values.Generators")
                .getDeclaredMethod(kind.generator, ValueModel.class, String.class);
            generate.setAccessible(true);
            return (String)generate.invoke(null, ValueModel.acquire(valueInterface), simpleName());
        }
    }
}
