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
        // The argfile procmesh-core ships (META-INF/procmesh/jvm.options): the flags every child JVM gets.
        System.out.print(JvmFlags.argfileText());
        System.out.flush();
        return ExitCodes.OK;
    }
}
