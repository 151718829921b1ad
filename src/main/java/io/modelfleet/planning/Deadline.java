package io.modelfleet.planning;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a plan must be done, and a way to stop it early: a cancelled deadline reads as long past, so every solve
 * not yet started is skipped and exact alternative costs degrade to estimates, exactly as when time runs out.
 * Solves already running are stopped too ({@link #whileRunning}): each keeps the best it had found.
 */
public final class Deadline {

    private final long atNanos;
    /** How long past {@code atNanos} the planner may still start work: min(1 s, 2% of the whole limit). */
    private final long graceNanos;
    private final Deadline parent;
    private volatile boolean cancelled;
    /** What stops the solves running now; only the root deadline holds them, since a cancel starts there. */
    private final Set<Runnable> stops = ConcurrentHashMap.newKeySet();

    private Deadline(long atNanos, long graceNanos, Deadline parent) {
        this.atNanos = atNanos;
        this.graceNanos = graceNanos;
        this.parent = parent;
    }

    public static Deadline in(Duration limit) {
        long grace = Math.min(PlanningBounds.GRACE_MILLIS * 1_000_000,
                (long) (Math.max(0, limit.toNanos()) * PlanningBounds.GRACE_SHARE));
        return new Deadline(System.nanoTime() + limit.toNanos(), grace, null);
    }

    /**
     * A deadline {@code fraction} of the way from now to this one, cancelled with it: a share of what is left
     * for one step, so that an early step (the first baseline) cannot take all the time of the later ones.
     */
    Deadline share(double fraction) {
        long now = System.nanoTime();
        return new Deadline(now + (long) (Math.max(0, atNanos - now) * fraction), graceNanos, this);
    }

    public void cancel() {
        cancelled = true;
        stops.forEach(Runnable::run);
    }

    /**
     * Registers how to stop a solve that is running now; {@link #cancel} calls it. Close the answer when the solve
     * ends. A cancel that came before the registration calls {@code stop} at once.
     */
    public Registration whileRunning(Runnable stop) {
        if (parent != null) {
            return parent.whileRunning(stop);
        }
        stops.add(stop);
        if (cancelled) {
            stop.run();
        }
        return () -> stops.remove(stop);
    }

    /** A registered stop, removed when its solve ends. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    public boolean cancelled() {
        return cancelled || parent != null && parent.cancelled();
    }

    /** Whether the time is up (or the plan was cancelled). */
    public boolean passed() {
        return cancelled() || System.nanoTime() >= atNanos;
    }

    /** Past the time limit and its grace (or cancelled): nothing more may start. */
    boolean pastGrace() {
        return cancelled() || System.nanoTime() - atNanos > graceNanos;
    }

    /** The grace past the limit, in milliseconds (see {@link #pastGrace}). */
    long graceMillis() {
        return graceNanos / 1_000_000;
    }

    /** Seconds left before the limit; negative once past it. */
    double secondsLeft() {
        return (atNanos - System.nanoTime()) / 1e9;
    }
}
