package io.modelfleet.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What PostgreSQL's lock file {@code postmaster.pid} says: the server's pid, data directory, start time (whole
 * seconds) and port, on its first four lines. PostgreSQL removes the file on a clean shutdown, so a file that is
 * there names either a running server or one that did not stop cleanly.
 */
record PostmasterPidFile(long pid, Path dataDirectory, Instant startedAt, int port) {

    static final String FILE_NAME = "postmaster.pid";

    static Path in(Path dataDirectory) {
        return dataDirectory.resolve(FILE_NAME);
    }

    /**
     * Empty when the file is absent, or when it is there but not a complete lock file (a server that crashed while
     * starting leaves an empty one).
     */
    static Optional<PostmasterPidFile> read(Path dataDirectory) throws IOException {
        try {
            return parse(Files.readAllLines(in(dataDirectory)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    static Optional<PostmasterPidFile> parse(List<String> lines) {
        if (lines.size() < 4) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            Path directory = Path.of(lines.get(1).trim());
            Instant started = Instant.ofEpochSecond(Long.parseLong(lines.get(2).trim()));
            int port = Integer.parseInt(lines.get(3).trim());
            return pid > 0 ? Optional.of(new PostmasterPidFile(pid, directory, started, port)) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
