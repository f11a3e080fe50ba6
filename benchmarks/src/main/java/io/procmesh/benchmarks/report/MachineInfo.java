package io.procmesh.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the report says about the machine: CPU model, cores, JVM, OS, the file system under the data directory,
 * and the load average, since the figures mean little without it.
 *
 * @param cpuModel   from /proc/cpuinfo.
 * @param cores      processors available to the JVM.
 * @param jvm        vendor, name and version of the running JVM (partners use the same java).
 * @param os         name, version and architecture.
 * @param dataDir    where queues and registries lived, with its file system type.
 * @param loadAverage the 1, 5 and 15 minute load averages from /proc/loadavg.
 */
public record MachineInfo(String cpuModel, int cores, String jvm, String os, String dataDir, String loadAverage)
{
    public static MachineInfo current(final Path dataDir)
    {
        return new MachineInfo(readCpuModel(), Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " " +
                System.getProperty("java.runtime.version"),
            System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
                System.getProperty("os.arch"),
            dataDir + " (" + fileSystemOf(dataDir) + ")",
            currentLoadAverage());
    }

    public static String currentLoadAverage()
    {
        final List<String> lines = readLines(Path.of("/proc/loadavg"));
        if (lines.isEmpty())
        {
            return "unknown";
        }
        final String[] fields = lines.get(0).trim().split("\\s+");
        return fields.length >= 3 ? fields[0] + ", " + fields[1] + ", " + fields[2] : lines.get(0);
    }

    private static String readCpuModel()
    {
        for (final String line : readLines(Path.of("/proc/cpuinfo")))
        {
            if (line.startsWith("model name"))
            {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown (no /proc/cpuinfo model name)";
    }

    private static String fileSystemOf(final Path dir)
    {
        String bestMount = "";
        String bestType = "unknown file system";
        final String path = dir.toAbsolutePath().toString();
        for (final String line : readLines(Path.of("/proc/mounts")))
        {
            final String[] fields = line.split("\\s+");
            if (fields.length >= 3 && isUnder(path, fields[1]) && fields[1].length() > bestMount.length())
            {
                bestMount = fields[1];
                bestType = fields[2];
            }
        }
        return bestType;
    }

    private static boolean isUnder(final String path, final String mount)
    {
        return "/".equals(mount) || path.equals(mount) || path.startsWith(mount + "/");
    }

    private static List<String> readLines(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        }
        catch (final IOException ex)
        {
            return List.of();
        }
    }
}
