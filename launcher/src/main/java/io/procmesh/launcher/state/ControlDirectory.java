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
 * {@code <id>.restart} (the service name), the launcher takes it on its next health check and answers with
 * {@code <id>.ok} or {@code <id>.failed} (one line). Files survive a crashed reader, need no port, and are
 * written by rename so nobody reads half a request.
 */
public final class ControlDirectory
{
    public static final String RESTART_SUFFIX = ".restart";
    private static final String OK_SUFFIX = ".ok";
    private static final String FAILED_SUFFIX = ".failed";

    private final Path directory;

    public record Request(String id, String service)
    {
    }

    public record Result(boolean ok, String message)
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
     * @return the answer once the launcher has written it (the answer file is then deleted), else empty.
     */
    public Optional<Result> result(final String id) throws IOException
    {
        for (final boolean ok : new boolean[]{true, false})
        {
            final Path file = directory.resolve(id + (ok ? OK_SUFFIX : FAILED_SUFFIX));
            if (Files.exists(file))
            {
                final String message = Files.readString(file, StandardCharsets.UTF_8).trim();
                Files.delete(file);
                return Optional.of(new Result(ok, message));
            }
        }
        return Optional.empty();
    }

    /**
     * @return true while the launcher has not yet taken the request.
     */
    public boolean isPending(final String id)
    {
        return Files.exists(directory.resolve(id + RESTART_SUFFIX));
    }

    private void writeAtomically(final Path target, final String content) throws IOException
    {
        Files.createDirectories(directory);
        final Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temporary, content + System.lineSeparator(), StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
