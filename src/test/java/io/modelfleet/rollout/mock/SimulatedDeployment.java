package io.modelfleet.rollout.mock;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One Deployment's ReplicaSets and one sync of them, following the Kubernetes Deployment controller step for step:
 * a scaling event (an active ReplicaSet stamped with other replicas than the spec's) or a paused Deployment only
 * scales; otherwise RollingUpdate either grows the new ReplicaSet or shrinks old ones in a sync (never both, except
 * right after creating the new one), and Recreate removes every old pod before creating new ones.
 *
 * <p>Rolling update guarantees, with desired d, maxSurge s and maxUnavailable u: the new ReplicaSet grows to at
 * most min(d, d + s - allPods + newPods); old ReplicaSets lose at most allPods - (d - u) - unavailableNewPods pods,
 * unready ones first, so available pods never drop below d - u through the controller's own doing. A scaling event
 * is not bound by that: a lone ReplicaSet is set to the new replicas at once.
 */
final class SimulatedDeployment {

    final String namespace;
    final String name;
    final String uid;
    private final List<SimulatedReplicaSet> replicaSets = new ArrayList<>();
    private long created;

    SimulatedDeployment(String namespace, String name, String uid) {
        this.namespace = namespace;
        this.name = name;
        this.uid = uid;
    }

    List<SimulatedReplicaSet> replicaSets() {
        return replicaSets;
    }

    /** One sync; {@code newPod} makes a pod for the ReplicaSet it is given. */
    void sync(Deployment d, Function<SimulatedReplicaSet, Supplier<SimulatedPod>> newPod) {
        new Sync(d, newPod).run();
    }

    DeploymentStatus status(Deployment d) {
        SimulatedReplicaSet current = find(PodTemplateHash.of(d.getSpec().getTemplate()));
        int pods = replicaSets.stream().mapToInt(SimulatedReplicaSet::replicas).sum();
        int available = replicaSets.stream().mapToInt(SimulatedReplicaSet::available).sum();
        Long generation = d.getMetadata().getGeneration();
        return new DeploymentStatusBuilder().withObservedGeneration(generation == null ? 1 : generation)
                .withReplicas(pods).withUpdatedReplicas(current == null ? 0 : current.replicas())
                .withReadyReplicas(available).withAvailableReplicas(available)
                .withUnavailableReplicas(Math.max(0, pods - available)).build();
    }

    private SimulatedReplicaSet find(String hash) {
        return replicaSets.stream().filter(rs -> rs.hash.equals(hash)).findFirst().orElse(null);
    }

    /** The arithmetic of one sync of one Deployment, read against its spec at this pass. */
    private final class Sync {

        private final Deployment d;
        private final Function<SimulatedReplicaSet, Supplier<SimulatedPod>> newPod;
        private final int desired;
        private final RollingBudget budget;
        private final String hash;

        Sync(Deployment d, Function<SimulatedReplicaSet, Supplier<SimulatedPod>> newPod) {
            this.d = d;
            this.newPod = newPod;
            this.desired = RollingBudget.desiredReplicas(d);
            this.budget = RollingBudget.of(d);
            this.hash = PodTemplateHash.of(d.getSpec().getTemplate());
        }

        void run() {
            if (Boolean.TRUE.equals(d.getSpec().getPaused()) || scalingEvent()) {
                scale();
            } else if (budget.recreate()) {
                recreate();
            } else {
                rollingUpdate();
            }
        }

        /** An active ReplicaSet stamped with other replicas than the spec's: the user scaled, not re-templated. */
        private boolean scalingEvent() {
            return replicaSets.stream().filter(rs -> rs.replicas() > 0).anyMatch(rs -> rs.desiredAnnotation != desired);
        }

        private void scale() {
            SimulatedReplicaSet current = find(hash);
            List<SimulatedReplicaSet> old = old(current);
            SimulatedReplicaSet lone = activeOrLatest(current, old);
            if (lone != null) {
                scale(lone, desired);
                return;
            }
            if (current == null && old.isEmpty()) {
                return;
            }
            if (saturated(current)) {
                old.forEach(rs -> scale(rs, 0));
                return;
            }
            if (!budget.recreate()) {
                scaleProportionally(replicaSets.stream().filter(rs -> rs.replicas() > 0).toList());
            }
        }

        /** The only active ReplicaSet; with none active, the current one or else the newest old one. */
        private SimulatedReplicaSet activeOrLatest(SimulatedReplicaSet current, List<SimulatedReplicaSet> old) {
            List<SimulatedReplicaSet> active = replicaSets.stream().filter(rs -> rs.replicas() > 0).toList();
            if (active.size() == 1) {
                return active.get(0);
            }
            if (active.isEmpty()) {
                return current != null ? current : old.isEmpty() ? null : old.get(old.size() - 1);
            }
            return null;
        }

        private boolean saturated(SimulatedReplicaSet current) {
            return current != null && current.desiredAnnotation == desired && current.replicas() == desired
                    && current.available() == desired;
        }

        /**
         * Mid-rollout replica change: every active ReplicaSet keeps its share of d + s, the share measured against
         * the d + s it was stamped with; the largest ReplicaSet takes the rounding leftover.
         */
        private void scaleProportionally(List<SimulatedReplicaSet> active) {
            int allowed = desired > 0 ? desired + budget.maxSurge() : 0;
            int toAdd = allowed - active.stream().mapToInt(SimulatedReplicaSet::replicas).sum();
            Comparator<SimulatedReplicaSet> larger = Comparator.comparingInt(SimulatedReplicaSet::replicas).reversed();
            Comparator<SimulatedReplicaSet> byAge = Comparator.comparingLong(rs -> rs.createdOrder);
            List<SimulatedReplicaSet> order = new ArrayList<>(active);
            order.sort(larger.thenComparing(toAdd > 0 ? byAge.reversed() : byAge));
            int[] sizes = new int[order.size()];
            int added = 0;
            for (int i = 0; i < order.size(); i++) {
                int share = toAdd == 0 ? 0 : proportion(order.get(i), toAdd, added);
                sizes[i] = order.get(i).replicas() + share;
                added += share;
            }
            if (toAdd != 0 && !order.isEmpty()) {
                sizes[0] = Math.max(0, sizes[0] + toAdd - added);
            }
            for (int i = 0; i < order.size(); i++) {
                scale(order.get(i), sizes[i]);
            }
        }

        private int proportion(SimulatedReplicaSet rs, int toAdd, int added) {
            if (rs.replicas() == 0 || toAdd == added) {
                return 0;
            }
            int fraction;
            if (desired == 0) {
                fraction = -rs.replicas();
            } else {
                int before = rs.maxAnnotation > 0 ? rs.maxAnnotation
                        : replicaSets.stream().mapToInt(SimulatedReplicaSet::replicas).sum();
                fraction = (int) Math.round(rs.replicas() * (double) (desired + budget.maxSurge()) / before)
                        - rs.replicas();
            }
            int allowed = toAdd - added;
            return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
        }

        private void rollingUpdate() {
            SimulatedReplicaSet current = find(hash);
            List<SimulatedReplicaSet> old = old(current);
            if (current == null) {
                current = create(newReplicas(0, total(old)));
            }
            if (growOrTrimCurrent(current, old)) {
                return;
            }
            shrinkOld(current, old.stream().filter(rs -> rs.replicas() > 0).toList());
        }

        /** min(d, d + s - allPods + newPods): the new ReplicaSet grows only while all pods stay within d + s. */
        private int newReplicas(int currentReplicas, int allPods) {
            if (budget.recreate()) {
                return desired;
            }
            int maxTotal = desired + budget.maxSurge();
            if (allPods >= maxTotal) {
                return currentReplicas;
            }
            return currentReplicas + Math.min(maxTotal - allPods, desired - currentReplicas);
        }

        private boolean growOrTrimCurrent(SimulatedReplicaSet current, List<SimulatedReplicaSet> old) {
            if (current.replicas() == desired) {
                return false;
            }
            if (current.replicas() > desired) {
                return scale(current, desired);
            }
            return scale(current, newReplicas(current.replicas(), total(old) + current.replicas()));
        }

        /**
         * At most allPods - (d - u) - unavailableNewPods go: unready old pods first (oldest ReplicaSet first), then
         * ready old pods while available pods exceed d - u.
         */
        private boolean shrinkOld(SimulatedReplicaSet current, List<SimulatedReplicaSet> old) {
            if (total(old) == 0) {
                return false;
            }
            int minAvailable = desired - budget.maxUnavailable();
            int allPods = total(old) + current.replicas();
            int maxScaledDown = allPods - minAvailable - (current.replicas() - current.available());
            if (maxScaledDown <= 0) {
                return false;
            }
            int removed = 0;
            for (SimulatedReplicaSet rs : old) {
                int unready = rs.replicas() - rs.available();
                if (removed >= maxScaledDown) {
                    break;
                }
                if (unready > 0) {
                    int n = Math.min(maxScaledDown - removed, unready);
                    scale(rs, rs.replicas() - n);
                    removed += n;
                }
            }
            int available = current.available() + old.stream().mapToInt(SimulatedReplicaSet::available).sum();
            int budgetLeft = available - minAvailable;
            for (SimulatedReplicaSet rs : old) {
                if (budgetLeft <= 0) {
                    break;
                }
                int n = Math.min(rs.replicas(), budgetLeft);
                if (n > 0) {
                    scale(rs, rs.replicas() - n);
                    budgetLeft -= n;
                    removed += n;
                }
            }
            return removed > 0;
        }

        /** Every old pod goes first; the new ReplicaSet is created or scaled only once none is left. */
        private void recreate() {
            SimulatedReplicaSet current = find(hash);
            List<SimulatedReplicaSet> old = old(current);
            boolean scaledDown = false;
            for (SimulatedReplicaSet rs : old) {
                if (rs.replicas() > 0) {
                    scaledDown |= scale(rs, 0);
                }
            }
            if (scaledDown || total(old) > 0) {
                return;
            }
            if (current == null) {
                create(desired);
            } else {
                scale(current, desired);
            }
        }

        private SimulatedReplicaSet create(int replicas) {
            // A copy: the ReplicaSet keeps the template it was made from whatever later happens to the Deployment.
            SimulatedReplicaSet rs = new SimulatedReplicaSet(hash, PodTemplateHash.copy(d.getSpec().getTemplate()),
                    created++);
            replicaSets.add(rs);
            scale(rs, replicas);
            return rs;
        }

        /** Scales and stamps the Deployment's replicas and replicas + maxSurge, as every controller scale does. */
        private boolean scale(SimulatedReplicaSet rs, int replicas) {
            rs.desiredAnnotation = desired;
            rs.maxAnnotation = desired + budget.maxSurge();
            return rs.scaleTo(replicas, newPod.apply(rs));
        }

        /** Every ReplicaSet but the current one, oldest first. */
        private List<SimulatedReplicaSet> old(SimulatedReplicaSet current) {
            return replicaSets.stream().filter(rs -> rs != current).toList();
        }

        private int total(List<SimulatedReplicaSet> sets) {
            return sets.stream().mapToInt(SimulatedReplicaSet::replicas).sum();
        }
    }
}
