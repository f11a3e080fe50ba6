package io.procmesh.launcher.testing;

import java.util.List;

/**
 * What one `procmesh` command printed (stdout and stderr together) and its exit code.
 */
public record CliResult(int exitCode, String output)
{
    public List<String> lines()
    {
        return output.lines().filter(line -> !line.isBlank()).toList();
    }

    @Override
    public String toString()
    {
        return "exit " + exitCode + ":\n" + output;
    }
}
