package io.modelfleet.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock files a crash leaves behind, read and cleared in this JVM against one real cluster (each test leaves
 * it stopped and clean for the next).
 */
class LeftoverServerRecoveryTest {

    @TempDir
    static Path dir;

    private static Path data;
    /** The zonky binaries the server ran from, to start one by hand as a server no owner is recorded for. */
    private static Path pgCtl;

    @BeforeAll
    static void initializeTheCluster() throws Exception {
        data = dir.resolve("pgdata");
        try (OwnedPostgres server = EmbeddedPostgresServer.open(Optional.of(data))) {
            Path postgres = Path.of(ProcessHandle.of(server.postmasterPid()).orElseThrow().info().command()
                    .orElseThrow());
            pgCtl = postgres.resolveSibling("pg_ctl");
        }
    }

    @Test
    void postmasterPidFileLinesGiveThePidDirectoryStartAndPort() {
        List<String> lines = List.of("10139", "/tmp/epgexp/data", "1796159783", "43063", "/tmp", "localhost",
                "  2147954        15", "ready   ");

        assertEquals(Optional.of(new PostmasterPidFile(10139, Path.of("/tmp/epgexp/data"),
                Instant.parse("2026-12-01T21:16:23Z"), 43063)), PostmasterPidFile.parse(lines));
        assertEquals(Optional.empty(), PostmasterPidFile.parse(List.of("10139", "/tmp/epgexp/data")),
                "a lock file cut short by a crash while starting");
    }

    @Test
    void ownerWithTheRecordedStartTimeIsAliveAndALaterProcessGivenItsPidIsNot() {
        DataDirectoryOwner self = DataDirectoryOwner.currentJvm();
        Instant started = self.startedAt().orElseThrow();

        assertTrue(self.isAlive());
        assertFalse(new DataDirectoryOwner(self.pid(), Optional.of(started.minusSeconds(3600))).isAlive(),
                "same pid, started an hour apart: the recorded owner died and its pid was reused");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void runningServerIsThisDirectorysAndThisJvmIsNot() throws Exception {
        try (OwnedPostgres server = EmbeddedPostgresServer.open(Optional.of(data))) {
            PostmasterPidFile pidFile = PostmasterPidFile.read(data).orElseThrow();
            ProcessHandle postmaster = ProcessHandle.of(server.postmasterPid()).orElseThrow();

            assertEquals(server.postmasterPid(), pidFile.pid());
            assertEquals(PostmasterIdentity.THIS_DIRECTORYS_SERVER,
                    PostmasterIdentity.of(postmaster, pidFile, data));
            assertEquals(PostmasterIdentity.SOME_OTHER_PROCESS,
                    PostmasterIdentity.of(ProcessHandle.current(), pidFile, data));
        }
    }

    @Test
    void lockFileNamingALiveProcessThatIsNotPostgresIsRemovedAndTheServerStarts() throws Exception {
        // As after a crash and a reboot that gave the recorded pid to another program: this JVM.
        Files.writeString(PostmasterPidFile.in(data), ProcessHandle.current().pid() + "\n" + data
                + "\n1796159783\n43063\n/tmp\nlocalhost\n  2147954        15\nready   \n");

        assertEquals(LeftoverServerRecovery.Outcome.LOCK_FILE_OF_REUSED_PID_REMOVED,
                LeftoverServerRecovery.recover(data));
        assertFalse(Files.exists(PostmasterPidFile.in(data)));
        assertServerStartsAndAnswers();
    }

    @Test
    void emptyLockFileOfAServerThatCrashedWhileStartingIsRemovedAndTheServerStarts() throws Exception {
        Files.writeString(PostmasterPidFile.in(data), "");

        assertEquals(LeftoverServerRecovery.Outcome.UNREADABLE_LOCK_FILE_REMOVED,
                LeftoverServerRecovery.recover(data));
        assertServerStartsAndAnswers();
    }

    @Test
    void lockFileNamingAGoneProcessIsLeftToPostgresqlWhichStartsAnyway() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(PostmasterPidFile.in(data), gone.pid() + "\n" + data
                + "\n1796159783\n43063\n/tmp\nlocalhost\n  2147954        15\nready   \n");

        assertEquals(LeftoverServerRecovery.Outcome.STALE_LOCK_FILE_LEFT_TO_POSTGRESQL,
                LeftoverServerRecovery.recover(data));
        assertTrue(Files.exists(PostmasterPidFile.in(data)));
        assertServerStartsAndAnswers();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void serverLeftRunningWithNoOwnerRecordAndNoLiveLockHolderIsStoppedAndTheServerStarts() throws Exception {
        // What a control plane before the owner record left behind when it was killed: a bare postmaster.
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U")); // PostgreSQL refuses root; zonky runs it the same way
        }
        command.addAll(List.of(pgCtl.toString(), "-D", data.toString(), "-o", "-p " + port + " -F", "-w", "start"));
        Process pgCtlStart = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, pgCtlStart.waitFor());
        ProcessHandle leftover = ProcessHandle.of(PostmasterPidFile.read(data).orElseThrow().pid()).orElseThrow();
        assertFalse(Files.exists(data.resolve(DataDirectoryOwner.FILE_NAME)));

        assertEquals(LeftoverServerRecovery.Outcome.LEFTOVER_SERVER_STOPPED, LeftoverServerRecovery.recover(data));
        assertFalse(Processes.isRunning(leftover));
        assertFalse(Files.exists(PostmasterPidFile.in(data)), "fast shutdown is a clean shutdown");
        assertServerStartsAndAnswers();
    }

    @Test
    void directoryWhoseZonkyLockAnotherHolderKeepsIsInUseEvenWithoutAnOwnerRecord() throws Exception {
        Path lock = data.resolve("epg-lock");
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
                FileLock held = channel.lock()) {
            DataDirectoryInUseException refused = assertThrows(DataDirectoryInUseException.class,
                    () -> LeftoverServerRecovery.recover(data));

            assertEquals("Embedded PostgreSQL data directory " + data + " is in use by another live process, which"
                    + " holds the lock on " + lock + ". Stop that control plane first, or set"
                    + " modelfleet.embedded-postgres.data-dir to another directory.", refused.getMessage());
        }
    }

    private static void assertServerStartsAndAnswers() throws Exception {
        try (OwnedPostgres server = EmbeddedPostgresServer.open(Optional.of(data));
                Connection c = server.database().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('data_directory')")) {
            rs.next();
            assertEquals(data.toString(), rs.getString(1));
        }
        assertFalse(Files.exists(PostmasterPidFile.in(data)), "stopped cleanly, ready for the next test");
    }
}
