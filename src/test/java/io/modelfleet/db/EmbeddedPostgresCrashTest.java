package io.modelfleet.db;

import static io.modelfleet.db.ChildControlPlane.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A control plane killed with SIGKILL, as a crash or an impatient {@code kill -9} does: real JVMs
 * ({@link EmbeddedPostgresChild}), real PostgreSQL servers, real signals.
 */
@EnabledOnOs(OS.LINUX)
class EmbeddedPostgresCrashTest {

    /** The watchdog wakes the moment the JVM dies; a fast shutdown of a small cluster takes well under this. */
    private static final Duration STOPPED_WITHIN = Duration.ofSeconds(10);

    /** One initdb for the class: each test copies this cluster, which is cheaper than a child's own initdb. */
    @TempDir
    static Path template;

    @TempDir
    Path dir;

    private final List<ChildControlPlane> children = new ArrayList<>();
    private final List<ProcessHandle> servers = new ArrayList<>();

    @BeforeAll
    static void initializeTheTemplateCluster() throws Exception {
        EmbeddedPostgresServer.open(Optional.of(template.resolve("pgdata"))).close();
    }

    @Test
    void killedControlPlaneTakesItsServerDownAndTheNextStartKeepsTheData() throws Exception {
        Path data = copyOfTemplate();
        Properties first = start("first", Optional.of(data), "before-the-kill").awaitReport();
        assertEquals("before-the-kill", first.getProperty("rows"));
        ProcessHandle postmaster = server(first);
        ProcessHandle watchdog = process(first, "watchdog");

        children.get(0).kill();

        assertTrue(poll(STOPPED_WITHIN, () -> !Processes.isRunning(postmaster)),
                "the server of the killed JVM stops within " + STOPPED_WITHIN);
        assertFalse(Files.exists(data.resolve("postmaster.pid")), "it was shut down cleanly");
        assertTrue(poll(STOPPED_WITHIN, () -> !Processes.isRunning(watchdog)), "and its watchdog exits");
        Properties second = start("second", Optional.of(data), "after-the-restart").awaitReport();
        server(second);
        assertEquals("before-the-kill,after-the-restart", second.getProperty("rows"));
    }

    @Test
    void serverLeftByAControlPlaneKilledWithItsWatchdogIsStoppedByTheNextStartWithTheDataKept() throws Exception {
        Path data = copyOfTemplate();
        Properties first = start("first", Optional.of(data), "before-the-kill").awaitReport();
        ProcessHandle leftover = server(first);
        ProcessHandle watchdog = process(first, "watchdog");
        watchdog.destroyForcibly();
        assertTrue(poll(STOPPED_WITHIN, () -> !Processes.isRunning(watchdog)), "watchdog killed");
        children.get(0).kill();
        assertTrue(Processes.isRunning(leftover), "with no watchdog the server outlives its JVM");

        ChildControlPlane next = start("second", Optional.of(data), "after-the-restart");
        Properties second = next.awaitReport();
        server(second);

        assertFalse(Processes.isRunning(leftover), "the next start stopped the leftover server");
        assertTrue(next.log().contains("Embedded PostgreSQL server pid " + leftover.pid() + " (port "
                + first.getProperty("port") + ") was left running on " + data + " by JVM pid "
                + children.get(0).handle().pid()), next.log());
        assertNotEquals(first.getProperty("postmaster"), second.getProperty("postmaster"));
        assertEquals("before-the-kill,after-the-restart", second.getProperty("rows"));
    }

    @Test
    void secondStartOnADirectoryALiveControlPlaneUsesFailsFastNamingItsPidAndTheDirectory() throws Exception {
        Path data = copyOfTemplate();
        Properties first = start("first", Optional.of(data), "kept").awaitReport();
        ProcessHandle owner = children.get(0).handle();
        ProcessHandle postmaster = server(first);

        ChildControlPlane second = start("second", Optional.of(data), "never-written");
        Properties refused = second.awaitReport();

        assertEquals(EmbeddedPostgresChild.IN_USE_EXIT_CODE, second.awaitExit(Duration.ofSeconds(10)));
        // The start instant Linux reports is boot time (wall clock minus uptime, recomputed on every read) plus the
        // process's start ticks: a step of the wall clock between two reads moves it. Compared apart, within 60 s.
        String failure = refused.getProperty("failure");
        Matcher started = Pattern.compile("started ([^)]+)\\)").matcher(failure);
        assertTrue(started.find(), failure);
        Instant expected = owner.info().startInstant().orElseThrow();
        assertTrue(Duration.between(expected, Instant.parse(started.group(1))).abs().getSeconds() <= 60,
                "started " + started.group(1) + " vs " + expected);
        assertEquals("Embedded PostgreSQL data directory " + data + " is in use by another live control plane"
                + " (JVM pid " + owner.pid() + ", started " + started.group(1) + "),"
                + " whose PostgreSQL server is pid " + postmaster.pid() + " on port " + first.getProperty("port")
                + ". Stop that control plane first, or set modelfleet.embedded-postgres.data-dir to another"
                + " directory.", failure);
        assertTrue(Processes.isRunning(postmaster), "the live control plane keeps its server");
    }

    @Test
    void killedControlPlaneTemporaryDirectoryIsDeletedWithItsServer() throws Exception {
        Properties report = start("temporary", Optional.empty(), "discarded").awaitReport();
        Path data = Path.of(report.getProperty("dataDirectory"));
        ProcessHandle postmaster = server(report);
        assertEquals(dir, data.getParent(), "the temporary directory is made under the child's java.io.tmpdir");
        assertTrue(Files.exists(data.resolve("PG_VERSION")));

        children.get(0).kill();

        assertTrue(poll(STOPPED_WITHIN, () -> !Processes.isRunning(postmaster) && !Files.exists(data)),
                "server stopped and " + data + " deleted within " + STOPPED_WITHIN);
    }

    @Test
    void normalExitStopsTheServerAndTheWatchdogAndReleasesTheDirectory() throws Exception {
        Path data = copyOfTemplate();
        Properties report = start("first", Optional.of(data), "kept").awaitReport();
        ProcessHandle postmaster = server(report);
        ProcessHandle watchdog = process(report, "watchdog");
        assertTrue(Files.exists(data.resolve(DataDirectoryOwner.FILE_NAME)), "the running JVM is recorded as owner");

        assertEquals(0, children.get(0).exitNormally());

        assertFalse(Processes.isRunning(postmaster), "the shutdown hook stopped the server before the JVM exited");
        assertTrue(poll(STOPPED_WITHIN, () -> !Processes.isRunning(watchdog)), "the watchdog exits");
        assertFalse(Files.exists(data.resolve(DataDirectoryOwner.FILE_NAME)), "the owner record is removed");
        assertFalse(Files.exists(data.resolve("postmaster.pid")));
        assertTrue(Files.exists(data.resolve("PG_VERSION")), "the data directory is kept");
    }

    @AfterEach
    void stopEverythingStarted() throws InterruptedException {
        for (ChildControlPlane child : children) {
            child.close();
        }
        // A failed assertion must not leave a server running on a directory JUnit is about to delete.
        for (ProcessHandle server : servers) {
            if (Processes.isRunning(server)) {
                Processes.interrupt(server);
                if (!Processes.awaitExit(server, STOPPED_WITHIN)) {
                    server.destroyForcibly();
                }
            }
        }
    }

    private Path copyOfTemplate() throws IOException {
        Path source = template.resolve("pgdata");
        Path target = dir.resolve("pgdata");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, target.resolve(source.relativize(file).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return target;
    }

    private ChildControlPlane start(String name, Optional<Path> data, String row) throws Exception {
        ChildControlPlane child = ChildControlPlane.start(dir, name, data, row);
        children.add(child);
        return child;
    }

    private ProcessHandle server(Properties report) {
        ProcessHandle postmaster = process(report, "postmaster");
        servers.add(postmaster);
        return postmaster;
    }

    private static ProcessHandle process(Properties report, String key) {
        long pid = Long.parseLong(report.getProperty(key));
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(key + " pid " + pid + " is not running"));
    }
}
