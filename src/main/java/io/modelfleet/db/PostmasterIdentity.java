package io.modelfleet.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Whether the live process a {@code postmaster.pid} names really is the PostgreSQL server of that data directory.
 * Pids are reused, so after a crash the recorded pid can belong to any later process; signalling it, or deleting
 * the lock file of a server that still runs, would both do harm.
 */
enum PostmasterIdentity {

    /** A PostgreSQL server whose working directory (or {@code -D} argument) is the data directory. */
    THIS_DIRECTORYS_SERVER,
    /** Another program, or a server of another directory, that was given the recorded pid later. */
    SOME_OTHER_PROCESS,
    /** Nothing about the process could be read; it is neither signalled nor its lock file removed. */
    UNKNOWN;

    /** The postmaster.pid start time has whole seconds; the process start time is finer. */
    private static final Duration SAME_START = Duration.ofSeconds(2);

    /**
     * Decided from the strongest clue that can be read: the executable's name rules out other programs; the
     * working directory (a postmaster changes into its data directory; Linux shows it in /proc) or the {@code -D}
     * argument ties a server to this directory; the start time against the one recorded in the lock file is the
     * last resort where neither is visible.
     */
    static PostmasterIdentity of(ProcessHandle process, PostmasterPidFile pidFile, Path dataDirectory) {
        ProcessHandle.Info info = process.info();
        Optional<Boolean> postgresBinary = info.command()
                .map(command -> Path.of(command).getFileName().toString().startsWith("postgres"));
        if (postgresBinary.equals(Optional.of(false))) {
            return SOME_OTHER_PROCESS;
        }
        Optional<Boolean> servesDirectory = workingDirectoryIs(process.pid(), dataDirectory)
                .or(() -> info.arguments().flatMap(arguments -> dataDirectoryArgumentIs(arguments, dataDirectory)));
        Optional<Boolean> decided = servesDirectory.or(() -> info.startInstant()
                .map(started -> Duration.between(pidFile.startedAt(), started).abs().compareTo(SAME_START) <= 0));
        return decided.map(same -> same ? THIS_DIRECTORYS_SERVER : SOME_OTHER_PROCESS).orElse(UNKNOWN);
    }

    private static Optional<Boolean> workingDirectoryIs(long pid, Path dataDirectory) {
        Path cwd = Path.of("/proc", Long.toString(pid), "cwd");
        try {
            return Optional.of(Files.isSameFile(cwd, dataDirectory));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Empty when there is no {@code -D} (a server started with PGDATA in its environment shows none). */
    private static Optional<Boolean> dataDirectoryArgumentIs(String[] arguments, Path dataDirectory) {
        List<String> list = List.of(arguments);
        int flag = list.indexOf("-D");
        if (flag < 0 || flag + 1 >= list.size()) {
            return Optional.empty();
        }
        Path named = Path.of(list.get(flag + 1));
        try {
            return Optional.of(Files.isSameFile(named, dataDirectory));
        } catch (IOException e) {
            return Optional.of(named.toAbsolutePath().normalize().equals(dataDirectory.toAbsolutePath().normalize()));
        }
    }
}
