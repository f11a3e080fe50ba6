package io.procmesh.launcher.cli;

import io.procmesh.core.config.JvmFlags;
import io.procmesh.launcher.ExitCodes;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "jvm-flags", mixinStandardHelpOptions = true,
    description = {
        "Print the JVM flags an application embedding procmesh-core needs (Chronicle on Java 17), one per line.",
        "The output is a ready argfile: procmesh jvm-flags > procmesh.args; java @procmesh.args -cp ... Main"})
final class JvmFlagsCommand implements Callable<Integer>
{
    @Override
    public Integer call()
    {
        // core's one list, read from the argfile procmesh-core ships (META-INF/procmesh/jvm.options), one per line.
        final StringBuilder text = new StringBuilder();
        for (final String flag : JvmFlags.chronicle())
        {
            text.append(flag).append(System.lineSeparator());
        }
        System.out.print(text);
        System.out.flush();
        return ExitCodes.OK;
    }
}
