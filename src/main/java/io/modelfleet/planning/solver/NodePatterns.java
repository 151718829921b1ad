package io.modelfleet.planning.solver;

import io.modelfleet.planning.PlanningBounds;
import io.modelfleet.planning.snapshot.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Enumerates the maximal ways to fill one node with replicas of a few sizes: count vectors that fit the node's
 * accelerators, millicores and MiB, to which no further replica of any size could be added. Every packing of
 * identical nodes is a choice of such patterns (padding a node's contents up to a maximal pattern never hurts),
 * so choosing how many nodes use each pattern is an exact bin-packing model whose LP relaxation is strong.
 * The search is bounded twice: by the number of patterns kept and by {@link PlanningBounds#MAX_PATTERN_SEARCH_STEPS}
 * steps (a huge node with tiny replicas has few maximal patterns but an enormous search space); past either the
 * caller falls back to the node-by-node model.
 */
final class NodePatterns {

    private final List<Resources> sizes;
    private final long[] capacity;
    private final int limit;
    private final List<long[]> found = new ArrayList<>();
    private boolean overflow;
    private long steps;

    private NodePatterns(List<Resources> sizes, Resources capacity, int limit) {
        this.sizes = sizes;
        this.capacity = capacity.asArray();
        this.limit = limit;
    }

    /** The maximal patterns, or empty when there are more than {@code limit} of them. */
    static Optional<List<long[]>> enumerate(List<Resources> sizes, Resources capacity, int limit) {
        NodePatterns patterns = new NodePatterns(sizes, capacity, limit);
        patterns.search(0, patterns.capacity.clone(), new long[sizes.size()]);
        return patterns.overflow ? Optional.empty() : Optional.of(patterns.found);
    }

    private void search(int type, long[] remaining, long[] counts) {
        if (overflow) {
            return;
        }
        if (++steps > PlanningBounds.MAX_PATTERN_SEARCH_STEPS) {
            overflow = true;
            return;
        }
        if (type == sizes.size()) {
            if (maximal(remaining) && anyPositive(counts)) {
                if (found.size() >= limit) {
                    overflow = true;
                    return;
                }
                found.add(counts.clone());
            }
            return;
        }
        long[] size = sizes.get(type).asArray();
        long most = fit(size, remaining);
        // With the last size, only the most that fit can leave the node maximal: one fewer leaves room for one more.
        long least = type == sizes.size() - 1 ? most : 0;
        for (long c = most; c >= least; c--) {
            counts[type] = c;
            long[] left = remaining.clone();
            for (int d = 0; d < left.length; d++) {
                left[d] -= c * size[d];
            }
            search(type + 1, left, counts);
        }
        counts[type] = 0;
    }

    private boolean maximal(long[] remaining) {
        for (Resources size : sizes) {
            if (fit(size.asArray(), remaining) > 0) {
                return false;
            }
        }
        return true;
    }

    static long fit(long[] size, long[] remaining) {
        long fit = Long.MAX_VALUE;
        for (int d = 0; d < size.length; d++) {
            if (size[d] > 0) {
                fit = Math.min(fit, remaining[d] / size[d]);
            }
        }
        return fit == Long.MAX_VALUE ? 0 : Math.max(0, fit);
    }

    private static boolean anyPositive(long[] counts) {
        for (long c : counts) {
            if (c > 0) {
                return true;
            }
        }
        return false;
    }
}
