package io.procmesh.core.test;

import io.procmesh.core.breaker.BreakerSettings;
import io.procmesh.core.breaker.BreakerTable;

import java.nio.file.Path;

/**
 * Child JVM main: opens a breaker table and prints one breaker's state as {@code STATE <state>}. Args: tableFile
 * breakerName.
 */
public final class BreakerStateMain
{
    public static void main(final String[] args)
    {
        try (BreakerTable table = BreakerTable.open(Path.of(args[0])))
        {
            System.out.println("STATE " + table.breaker(args[1], BreakerSettings.DEFAULT).state());
        }
    }
}
