package io.modelfleet.rollout.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * A crash point for the crash-point matrix (CrashMatrixIT): after the N-th committed transition of this process the
 * engine writes a marker line and stops for good, so the harness can SIGKILL it exactly at that boundary. Off unless
 * {@code modelfleet.rollout.failpoint.halt-after-transition} is set; never set it in production. With only the
 * marker file set, every committed transition is appended to it ("committed transition N: name"), so the harness
 * knows which boundary is which transition and can choose cells by name.
 */
public final class RolloutFailpoint {

    private static final Logger LOG = Logger.getLogger(RolloutFailpoint.class);

    private final Optional<Integer> haltAfter;
    private final Optional<Path> marker;
    private final AtomicInteger committed = new AtomicInteger();

    public RolloutFailpoint(Optional<Integer> haltAfter, Optional<Path> marker) {
        this.haltAfter = haltAfter;
        this.marker = marker;
    }

    public static RolloutFailpoint off() {
        return new RolloutFailpoint(Optional.empty(), Optional.empty());
    }

    /** Called after every committed transition. */
    public void afterCommit(String transition) {
        int n = committed.incrementAndGet();
        if (haltAfter.isEmpty()) {
            marker.ifPresent(file -> append(file, "committed transition " + n + ": " + transition + "\n", false));
            return;
        }
        if (n != haltAfter.get()) {
            return;
        }
        String line = "halted after transition " + n + ": " + transition + "\n";
        LOG.warn(line.trim());
        marker.ifPresent(file -> append(file, line, true));
        while (true) {
            LockSupport.park(this);
        }
    }

    private static void append(Path file, String line, boolean sync) {
        try {
            if (sync) {
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.SYNC);
            } else {
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
