package io.modelfleet.db;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * The JVM that runs the embedded server on a data directory, recorded in {@value #FILE_NAME} there: its pid and
 * the time it started. The start time is what tells the owner apart from a later process that was given the same
 * pid after the owner died.
 */
record DataDirectoryOwner(long pid, Optional<Instant> startedAt) {

    static final String FILE_NAME = "modelfleet-owner";
    /** Both start times come from the same kernel clock; a second absorbs rounding of the boot time. */
    private static final Duration SAME_START = Duration.ofSeconds(1);

    static DataDirectoryOwner currentJvm() {
        ProcessHandle self = ProcessHandle.current();
        return new DataDirectoryOwner(self.pid(), self.info().startInstant());
    }

    static Optional<DataDirectoryOwner> readFrom(Path dataDirectory) throws IOException {
        String text;
        try {
            text = Files.readString(dataDirectory.resolve(FILE_NAME));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Properties recorded = new Properties();
        recorded.load(new StringReader(text));
        try {
            long pid = Long.parseLong(recorded.getProperty("pid", "").trim());
            Optional<Instant> started = Optional.ofNullable(recorded.getProperty("started"))
                    .filter(value -> !value.isBlank())
                    .map(value -> Instant.parse(value.trim()));
            return Optional.of(new DataDirectoryOwner(pid, started));
        } catch (RuntimeException e) {
            // Cut short by a crash while it was written: nobody can be identified as the owner.
            return Optional.empty();
        }
    }

    /** Written to a temporary file first and moved into place, so a reader never sees half a record. */
    void writeTo(Path dataDirectory) throws IOException {
        String text = "# The JVM running ModelFleet's embedded PostgreSQL server on this directory\n"
                + "pid=" + pid + "\n"
                + "started=" + startedAt.map(Instant::toString).orElse("") + "\n";
        Path written = Files.writeString(dataDirectory.resolve(FILE_NAME + ".tmp"), text);
        Files.move(written, dataDirectory.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    static void removeFrom(Path dataDirectory) throws IOException {
        Files.deleteIfExists(dataDirectory.resolve(FILE_NAME));
    }

    boolean isCurrentJvm() {
        return sameProcess(currentJvm());
    }

    /** Whether the recorded JVM still runs; without a recorded start time a live pid is taken to be it. */
    boolean isAlive() {
        return ProcessHandle.of(pid)
                .filter(Processes::isRunning)
                .map(process -> sameProcess(new DataDirectoryOwner(pid, process.info().startInstant())))
                .orElse(false);
    }

    String describe() {
        return "JVM pid " + pid + startedAt.map(started -> ", started " + started).orElse("");
    }

    private boolean sameProcess(DataDirectoryOwner other) {
        if (pid != other.pid) {
            return false;
        }
        if (startedAt.isEmpty() || other.startedAt.isEmpty()) {
            return true;
        }
        return Duration.between(startedAt.get(), other.startedAt.get()).abs().compareTo(SAME_START) <= 0;
    }
}
