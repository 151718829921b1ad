package io.modelfleet.plans;

import io.modelfleet.planning.snapshot.Resources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How many nodes of one capacity a set of replicas needs, packed first-fit-decreasing (design 006, I1): replicas
 * sorted by their largest share of a node (then accelerators, millicores, MiB, all descending; a stable sort keeps
 * the caller's order among equals), each put on the first node it fits, a new node opened when none has room.
 * Deterministic, and never fewer nodes than a real packing of the same replicas needs (FFD can need more than the
 * optimum, never less). A replica that fits no node of this capacity (the catalog changed since it was placed)
 * is counted as a whole node of its own, and a replica whose resources are unknown ({@code null}) likewise: the
 * most one replica can hold.
 */
public final class NodePacking {

    private NodePacking() {
    }

    public static int nodes(List<Resources> replicas, Resources node) {
        int whole = 0;
        List<Resources> packable = new ArrayList<>();
        for (Resources r : replicas) {
            if (r == null || !r.fitsIn(node)) {
                whole++;
            } else {
                packable.add(r);
            }
        }
        packable.sort(Comparator.comparingDouble((Resources r) -> share(r, node))
                .thenComparingLong(Resources::accelerators)
                .thenComparingLong(Resources::millicores)
                .thenComparingLong(Resources::mebibytes).reversed());
        List<long[]> free = new ArrayList<>();
        for (Resources r : packable) {
            long[] need = r.asArray();
            long[] room = free.stream().filter(f -> fits(need, f)).findFirst().orElse(null);
            if (room == null) {
                room = node.asArray();
                free.add(room);
            }
            for (int i = 0; i < need.length; i++) {
                room[i] -= need[i];
            }
        }
        return whole + free.size();
    }

    /** The same replica {@code count} times. */
    public static int nodes(int count, Resources perReplica, Resources node) {
        return nodes(java.util.Collections.nCopies(count, perReplica), node);
    }

    private static boolean fits(long[] need, long[] room) {
        for (int i = 0; i < need.length; i++) {
            if (need[i] > room[i]) {
                return false;
            }
        }
        return true;
    }

    /** The replica's largest fraction of one node over the three dimensions: its size for the decreasing order. */
    private static double share(Resources r, Resources node) {
        double[] need = {r.accelerators(), r.millicores(), r.mebibytes()};
        double[] cap = {node.accelerators(), node.millicores(), node.mebibytes()};
        double max = 0;
        for (int i = 0; i < need.length; i++) {
            if (cap[i] > 0) {
                max = Math.max(max, need[i] / cap[i]);
            }
        }
        return max;
    }
}
