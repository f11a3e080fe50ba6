package io.procmesh.benchmarks.report;

import java.util.List;

/**
 * What the report says about a run besides its figures.
 *
 * @param mode           full, quick or smoke.
 * @param command        the command line to show.
 * @param note           a note for the top of the report, or empty.
 * @param started        ISO-8601 start time.
 * @param elapsedSeconds how long the run took.
 * @param machine        the machine, as seen at the start.
 * @param loadAtEnd      the load average when the run ended.
 * @param scenarioIds    the scenarios selected, in report order.
 */
public record RunInfo(
    String mode,
    String command,
    String note,
    String started,
    long elapsedSeconds,
    MachineInfo machine,
    String loadAtEnd,
    List<String> scenarioIds)
{
}
