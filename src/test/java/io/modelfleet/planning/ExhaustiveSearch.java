package io.modelfleet.planning;

import io.modelfleet.planning.snapshot.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The planning objective by brute force, for tiny clusters: try every choice of candidate (or none) per pair,
 * pack each pool's replicas with an exact branch-and-bound bin packer, and keep the best (most pairs placed,
 * then cheapest). Slow and obviously correct: the reference the CP-SAT model is checked against.
 */
final class ExhaustiveSearch {

    /** {@code objectiveMicros} is the cost plus the switch cost of every running pair not kept. */
    record Best(int placed, long costMicros, long objectiveMicros) {
    }

    private ExhaustiveSearch() {
    }

    static Best solve(List<Pair> pairs, Map<Pair, List<Candidate>> candidates) {
        return solve(pairs, candidates, io.modelfleet.planning.solver.SwitchCost.NONE);
    }

    /** The same with a switch cost: most pairs placed, then least cost plus switch costs (design 006, I2). */
    static Best solve(List<Pair> pairs, Map<Pair, List<Candidate>> candidates,
            io.modelfleet.planning.solver.SwitchCost switchCost) {
        return search(pairs, candidates, 0, new ArrayList<>(), switchCost);
    }

    private static Best search(List<Pair> pairs, Map<Pair, List<Candidate>> candidates, int index,
            List<Candidate> chosen, io.modelfleet.planning.solver.SwitchCost switchCost) {
        if (index == pairs.size()) {
            Long cost = cost(chosen);
            if (cost == null) {
                return null;
            }
            long switched = pairs.stream().filter(switchCost::applies)
                    .filter(p -> chosen.stream().noneMatch(c -> c.pair().equals(p) && switchCost.keeps(c))).count();
            return new Best(chosen.size(), cost, cost + switched * switchCost.micros());
        }
        Best best = search(pairs, candidates, index + 1, chosen, switchCost);
        for (Candidate c : candidates.getOrDefault(pairs.get(index), List.of())) {
            chosen.add(c);
            Best option = search(pairs, candidates, index + 1, chosen, switchCost);
            chosen.remove(chosen.size() - 1);
            if (option != null && (best == null || option.placed() > best.placed()
                    || (option.placed() == best.placed() && option.objectiveMicros() < best.objectiveMicros()))) {
                best = option;
            }
        }
        return best;
    }

    /** Total cost of the choice, or null if some pool cannot hold it within maxNodes. */
    private static Long cost(List<Candidate> chosen) {
        Map<String, List<Candidate>> byPool = new HashMap<>();
        chosen.forEach(c -> byPool.computeIfAbsent(c.pool().name(), k -> new ArrayList<>()).add(c));
        long total = 0;
        for (List<Candidate> onPool : byPool.values()) {
            List<long[]> items = new ArrayList<>();
            for (Candidate c : onPool) {
                for (int r = 0; r < c.replicas(); r++) {
                    items.add(c.perReplica().asArray());
                }
            }
            items.sort((a, b) -> Long.compare(b[1] + b[2] + b[0] * 1000, a[1] + a[2] + a[0] * 1000));
            Resources cap = onPool.get(0).hardware().capacity();
            int max = onPool.get(0).pool().maxNodes();
            int bins = minBins(items, cap.asArray(), max);
            if (bins > max) {
                return null;
            }
            total += bins * onPool.get(0).priceMicros();
        }
        return total;
    }

    private static int minBins(List<long[]> items, long[] capacity, int max) {
        int[] best = {max + 1};
        place(items, 0, new ArrayList<>(), capacity, best);
        return best[0];
    }

    private static void place(List<long[]> items, int i, List<long[]> loads, long[] capacity, int[] best) {
        if (loads.size() >= best[0]) {
            return;
        }
        if (i == items.size()) {
            best[0] = loads.size();
            return;
        }
        long[] item = items.get(i);
        List<String> tried = new ArrayList<>();
        int existing = loads.size();
        for (int b = 0; b < existing; b++) {
            long[] load = loads.get(b);
            String key = java.util.Arrays.toString(load);
            if (tried.contains(key) || !fits(load, item, capacity)) {
                continue;
            }
            tried.add(key);
            add(load, item, 1);
            place(items, i + 1, loads, capacity, best);
            add(load, item, -1);
        }
        loads.add(item.clone());
        place(items, i + 1, loads, capacity, best);
        loads.remove(loads.size() - 1);
    }

    private static boolean fits(long[] load, long[] item, long[] capacity) {
        for (int d = 0; d < load.length; d++) {
            if (load[d] + item[d] > capacity[d]) {
                return false;
            }
        }
        return true;
    }

    private static void add(long[] load, long[] item, int sign) {
        for (int d = 0; d < load.length; d++) {
            load[d] += sign * item[d];
        }
    }
}
