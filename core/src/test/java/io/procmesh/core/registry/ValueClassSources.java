package io.procmesh.core.registry;

import net.openhft.chronicle.hash.VanillaGlobalMutableState;
import net.openhft.chronicle.values.ValueModel;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;

/**
 * The Java source Chronicle Values generates for a value interface, as its own run-time path would before
 * compiling it: the same generator methods, reached by reflection because they are package-private.
 */
final class ValueClassSources
{
    /**
     * Where the checked-in sources live (a source root of core, see its pom), relative to the module.
     */
    static final Path ROOT = Path.of("src/generated/java");

    /**
     * Every value class a procmesh JVM instantiates. Chronicle Map itself needs VanillaGlobalMutableState's native
     * class for every map (the registry and each service's store); the registry reads InstanceRecord through both.
     */
    static final List<Generated> ALL = List.of(
        new Generated(InstanceRecord.class, Kind.NATIVE),
        new Generated(InstanceRecord.class, Kind.HEAP),
        new Generated(VanillaGlobalMutableState.class, Kind.NATIVE));

    private ValueClassSources()
    {
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

        Path file()
        {
            return ROOT.resolve(valueInterface.getPackageName().replace('.', '/')).resolve(simpleName() + ".java");
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
