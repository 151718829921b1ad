package io.modelfleet.rollout.engine;

import io.modelfleet.rollout.engine.RolloutState.ClusterState;
import io.modelfleet.rollout.engine.RolloutState.StepState;
import io.modelfleet.rollout.engine.Transition.Analyze;
import io.modelfleet.rollout.engine.Transition.Apply;
import io.modelfleet.rollout.engine.Transition.BeginRollback;
import io.modelfleet.rollout.engine.Transition.Capture;
import io.modelfleet.rollout.engine.Transition.CompleteCluster;
import io.modelfleet.rollout.engine.Transition.CompleteRollback;
import io.modelfleet.rollout.engine.Transition.Finish;
import io.modelfleet.rollout.engine.Transition.Gate;
import io.modelfleet.rollout.engine.Transition.GateRestore;
import io.modelfleet.rollout.engine.Transition.Idle;
import io.modelfleet.rollout.engine.Transition.Restore;
import io.modelfleet.rollout.engine.Transition.Retire;
import io.modelfleet.rollout.engine.Transition.StartCluster;
import io.modelfleet.rollout.engine.Transition.Wait;
import io.modelfleet.rollout.entity.ClusterStatus;
import io.modelfleet.rollout.entity.RolloutStatus;
import io.modelfleet.rollout.entity.StepAction;
import io.modelfleet.rollout.entity.StepStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * The rollout state machine as a pure function: the stored state and the time in, the one transition to perform
 * next out. Its rules, in the order they are checked (docs/designs/001-rollout-engine.md, "States"):
 * <ol>
 * <li>paused or terminal: idle;</li>
 * <li>a cluster rolling back: continue its rollback, newest step first;</li>
 * <li>aborting: roll back the cluster in progress, else finish ABORTED;</li>
 * <li>a cluster rolled back: finish ROLLED_BACK — never a later wave;</li>
 * <li>the current cluster: start it, or move its first unfinished step on (an ANALYZING step measures when its
 * next measurement is due and waits until then);</li>
 * <li>no cluster left: finish SUCCEEDED.</li>
 * </ol>
 * Time enters only through {@code now} (retry backoff, the next measurement); deadlines are checked where the target
 * is read.
 */
public final class RolloutDecider {

    private RolloutDecider() {
    }

    public static Transition next(RolloutState rollout, Instant now) {
        if (rollout.status().terminal() || rollout.status() == RolloutStatus.PAUSED) {
            return new Idle();
        }
        Optional<ClusterState> rollingBack = rollout.firstWith(ClusterStatus.ROLLING_BACK);
        if (rollingBack.isPresent()) {
            return continueRollback(rollingBack.get(), now);
        }
        if (rollout.status() == RolloutStatus.ABORTING) {
            return abort(rollout);
        }
        Optional<ClusterState> rolledBack = rollout.firstWith(ClusterStatus.ROLLED_BACK);
        if (rolledBack.isEmpty() && rollout.status() == RolloutStatus.ROLLBACK_FAILED) {
            // Only a rollback sets it; with no cluster rolling back there is nothing left to roll back or forward.
            return new Finish(RolloutStatus.ROLLED_BACK, ReasonCode.ROLLED_BACK, "no cluster is left to roll back");
        }
        if (rolledBack.isPresent()) {
            return new Finish(RolloutStatus.ROLLED_BACK, ReasonCode.ROLLED_BACK, "cluster "
                    + rolledBack.get().cluster() + " was rolled back; later waves did not start");
        }
        Optional<ClusterState> current = rollout.clusters().stream()
                .filter(c -> c.status() == ClusterStatus.IN_PROGRESS || c.status() == ClusterStatus.PENDING)
                .findFirst();
        if (current.isEmpty()) {
            return new Finish(RolloutStatus.SUCCEEDED, ReasonCode.SUCCEEDED, "every cluster runs the plan");
        }
        ClusterState cluster = current.get();
        if (cluster.status() == ClusterStatus.PENDING) {
            return new StartCluster(cluster.id());
        }
        return advance(cluster, now);
    }

    private static Transition abort(RolloutState rollout) {
        return rollout.firstWith(ClusterStatus.IN_PROGRESS)
                .<Transition>map(c -> new BeginRollback(c.id(), null, ReasonCode.ABORTED, "aborted by a user"))
                .orElseGet(() -> new Finish(RolloutStatus.ABORTED, ReasonCode.ABORTED,
                        "aborted by a user; no cluster was in progress"));
    }

    /** The first step of the cluster in progress that is not done decides what happens to the cluster. */
    private static Transition advance(ClusterState cluster, Instant now) {
        Optional<StepState> next = cluster.firstNotDone();
        if (next.isEmpty()) {
            return new CompleteCluster(cluster.id());
        }
        StepState step = next.get();
        if (step.waitingForRetry(now)) {
            return new Wait(step.nextAttemptAt());
        }
        return switch (step.status()) {
            case PENDING -> new Capture(cluster.id(), step.id());
            case CAPTURED -> step.action() == StepAction.UPSERT ? new Apply(cluster.id(), step.id())
                    : new Retire(cluster.id(), step.id());
            case APPLIED -> new Gate(cluster.id(), step.id());
            case ANALYZING -> !step.analyzed() ? new BeginRollback(cluster.id(), step.id(), ReasonCode.INTERNAL_ERROR,
                    "step " + step.position() + " is ANALYZING without an analysis snapshot")
                    : step.analysis().due(now) ? new Analyze(cluster.id(), step.id())
                    : new Wait(step.analysis().nextMeasurementAt());
            case FAILED -> new BeginRollback(cluster.id(), step.id(), ReasonCode.ROLLING_BACK,
                    "step " + step.position() + " failed: " + step.reason());
            default -> new BeginRollback(cluster.id(), step.id(), ReasonCode.INTERNAL_ERROR,
                    "step " + step.position() + " is " + step.status() + " in a cluster that is in progress");
        };
    }

    /**
     * Newest step first, each restored and gated before the next older one: what a later step created is removed
     * only after what it replaced serves again.
     */
    private static Transition continueRollback(ClusterState cluster, Instant now) {
        Optional<StepState> step = cluster.steps().stream()
                .filter(s -> s.captured() && s.status() != StepStatus.ROLLED_BACK && s.status() != StepStatus.SKIPPED)
                .max(Comparator.comparingInt(StepState::position));
        if (step.isEmpty()) {
            return new CompleteRollback(cluster.id());
        }
        StepState s = step.get();
        if (s.waitingForRetry(now)) {
            return new Wait(s.nextAttemptAt());
        }
        return s.status() == StepStatus.ROLLING_BACK ? new GateRestore(cluster.id(), s.id())
                : new Restore(cluster.id(), s.id());
    }
}
