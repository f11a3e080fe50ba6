package io.procmesh.launcher.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Requests to the running launcher, as files in {@code launcher/control/}: `procmesh restart` drops
 * {@code <id>.restart} (the service name), `procmesh scale` drops {@code <id>.scale} (the service name and the
 * count, one line), `procmesh rollout` and `procmesh rollback` drop {@code <id>.rollout} (what, service, version, class
 * path entries: one per line; see {@link RolloutRequest}); the launcher takes it on its next health check and answers with {@code <id>.ok},
 * {@code <id>.failed} or, for a request it refused as bad input without changing anything, {@code <id>.rejected}
 * (one line each). Files survive a crashed reader, need no port, and are written by rename so nobody reads half a
 * request.
 */
public final class ControlDirectory
{
    public static final String RESTART_SUFFIX = ".restart";
    public static final String SCALE_SUFFIX = ".scale";
    public static final String ROLLOUT_SUFFIX = ".rollout";
    private static final String OK_SUFFIX = ".ok";
    private static final String FAILED_SUFFIX = ".failed";
    private static final String REJECTED_SUFFIX = ".rejected";

    private final Path directory;

    public record Request(String id, String service)
    {
    }

    /**
     * @param count the count asked for, as written: the launcher checks it (a bad one is rejected, not thrown).
     */
    public record ScaleRequest(String id, String service, String count)
    {
    }

    /**
     * @param kind      {@code rollout}, {@code rollback} or {@code status} (`procmesh rollout --status`).
     * @param version   the version to roll out, as written; empty for the others.
     * @param classPath the class path entries of the new release, absolute, as written.
     */
    public record RolloutRequest(String id, String kind, String service, String version, List<String> classPath)
    {
    }

    /**
     * @param rejected true if the launcher refused the request as bad input (exit 2), with nothing changed.
     */
    public record Result(boolean ok, boolean rejected, String message)
    {
    }

    public ControlDirectory(final Path directory)
    {
        this.directory = directory;
    }

    public void create() throws IOException
    {
        Files.createDirectories(directory);
    }

    /**
     * @return the request id to wait on with {@link #result(String)}.
     */
    public String submitRestart(final String service) throws IOException
    {
        final String id = "restart-" + service + "-" + System.currentTimeMillis() + "-" + ProcessHandle.current().pid();
        writeAtomically(directory.resolve(id + RESTART_SUFFIX), service);
        return id;
    }

    /**
     * @return the request id to wait on with {@link #result(String)}.
     */
    public String submitScale(final String service, final String count) throws IOException
    {
        final String id = "scale-" + service + "-" + System.currentTimeMillis() + "-" + ProcessHandle.current().pid();
        writeAtomically(directory.resolve(id + SCALE_SUFFIX), service + " " + count);
        return id;
    }

    /**
     * @return the request id to wait on with {@link #result(String)}.
     */
    public String submitRollout(final String kind, final String service, final String version,
                                final List<String> classPath) throws IOException
    {
        final String id = kind + "-" + service + "-" + System.currentTimeMillis() + "-" + ProcessHandle.current().pid();
        final List<String> lines = new ArrayList<>(List.of(kind, service, version));
        lines.addAll(classPath);
        writeAtomically(directory.resolve(id + ROLLOUT_SUFFIX), String.join("\n", lines));
        return id;
    }

    /**
     * Takes every pending rollout, rollback and rollout status request, as {@link #takeRequests()} takes restarts.
     */
    public List<RolloutRequest> takeRolloutRequests() throws IOException
    {
        if (!Files.isDirectory(directory))
        {
            return List.of();
        }
        List<RolloutRequest> requests = List.of();
        try (DirectoryStream<Path> pending = Files.newDirectoryStream(directory, "*" + ROLLOUT_SUFFIX))
        {
            for (final Path file : pending)
            {
                final String name = file.getFileName().toString();
                final List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
                Files.delete(file);
                while (lines.size() < 3)
                {
                    lines.add("");
                }
                if (requests.isEmpty())
                {
                    requests = new ArrayList<>();
                }
                requests.add(new RolloutRequest(name.substring(0, name.length() - ROLLOUT_SUFFIX.length()),
                    lines.get(0).trim(), lines.get(1).trim(), lines.get(2).trim(),
                    lines.subList(3, lines.size()).stream().filter(line -> !line.isBlank()).toList()));
            }
        }
        return requests;
    }

    /**
     * Takes every pending scale request, as {@link #takeRequests()} takes restarts.
     */
    public List<ScaleRequest> takeScaleRequests() throws IOException
    {
        if (!Files.isDirectory(directory))
        {
            return List.of();
        }
        List<ScaleRequest> requests = List.of();
        try (DirectoryStream<Path> pending = Files.newDirectoryStream(directory, "*" + SCALE_SUFFIX))
        {
            for (final Path file : pending)
            {
                final String name = file.getFileName().toString();
                final String[] words = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+", 2);
                Files.delete(file);
                if (requests.isEmpty())
                {
                    requests = new ArrayList<>();
                }
                requests.add(new ScaleRequest(name.substring(0, name.length() - SCALE_SUFFIX.length()), words[0],
                    words.length > 1 ? words[1] : ""));
            }
        }
        return requests;
    }

    /**
     * Takes every pending request: each is read, then deleted, so it runs once.
     */
    public List<Request> takeRequests() throws IOException
    {
        if (!Files.isDirectory(directory))
        {
            return List.of();
        }
        List<Request> requests = List.of();
        try (DirectoryStream<Path> pending = Files.newDirectoryStream(directory, "*" + RESTART_SUFFIX))
        {
            for (final Path file : pending)
            {
                final String name = file.getFileName().toString();
                final String service = Files.readString(file, StandardCharsets.UTF_8).trim();
                Files.delete(file);
                if (requests.isEmpty())
                {
                    requests = new ArrayList<>();
                }
                requests.add(new Request(name.substring(0, name.length() - RESTART_SUFFIX.length()), service));
            }
        }
        return requests;
    }

    public void complete(final String id, final boolean ok, final String message) throws IOException
    {
        writeAtomically(directory.resolve(id + (ok ? OK_SUFFIX : FAILED_SUFFIX)), message);
    }

    /**
     * Answers a request refused as bad input, with nothing changed.
     */
    public void reject(final String id, final String message) throws IOException
    {
        writeAtomically(directory.resolve(id + REJECTED_SUFFIX), message);
    }

    /**
     * @return the answer once the launcher has written it (the answer file is then deleted), else empty.
     */
    public Optional<Result> result(final String id) throws IOException
    {
        for (final String suffix : new String[]{OK_SUFFIX, FAILED_SUFFIX, REJECTED_SUFFIX})
        {
            final Path file = directory.resolve(id + suffix);
            if (Files.exists(file))
            {
                final String message = Files.readString(file, StandardCharsets.UTF_8).trim();
                Files.delete(file);
                return Optional.of(new Result(suffix.equals(OK_SUFFIX), suffix.equals(REJECTED_SUFFIX), message));
            }
        }
        return Optional.empty();
    }

    /**
     * @return true while the launcher has not yet taken the request.
     */
    public boolean isPending(final String id)
    {
        return Files.exists(directory.resolve(id + RESTART_SUFFIX)) ||
            Files.exists(directory.resolve(id + SCALE_SUFFIX)) || Files.exists(directory.resolve(id + ROLLOUT_SUFFIX));
    }

    private void writeAtomically(final Path target, final String content) throws IOException
    {
        Files.createDirectories(directory);
        final Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temporary, content + System.lineSeparator(), StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
