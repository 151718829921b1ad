package io.modelfleet.planning;

import io.modelfleet.planning.snapshot.Running;
import io.modelfleet.planning.solver.QuotaLimit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * A digest of everything one unit's solves read: its pairs with their demand and whether they allow estimates, every
 * candidate the solver may pick (variant, pool and its node bound, batch size, concurrency, source, replicas, price,
 * replica size, throughput, latency), the quota limits over its pools, the running choices and the switch cost.
 * Equal digests mean the solves would be the same.
 */
final class UnitDigest {

    private UnitDigest() {
    }

    static String of(Planner.Problem problem, String unit) {
        StringBuilder b = new StringBuilder(4096);
        b.append("switch ").append(problem.switchCost().micros()).append('\n');
        for (Pair pair : problem.pairsInUnit(unit)) {
            b.append("pair ").append(pair.deploymentName()).append(' ').append(pair.cluster()).append(' ')
                    .append(pair.rps()).append(" allowEstimated ").append(pair.deployment().allowEstimated())
                    .append('\n');
            Running r = problem.switchCost().running().get(pair);
            if (r != null) {
                b.append(" runs ").append(r.variantId()).append(' ').append(r.pool()).append(' ')
                        .append(r.batchSize()).append(' ').append(r.atRisk()).append('\n');
            }
            // What the solves read: the pruned candidates, and for a running pair every option of its workload,
            // which the keeping solve picks from before pruning.
            java.util.List<Candidate> read = new java.util.ArrayList<>(Dominance.prune(problem.candidates(pair),
                    problem.switchCost()));
            if (r != null) {
                problem.candidates(pair).stream().filter(c -> io.modelfleet.planning.solver.SwitchCost.keeps(c, r)
                        && !read.contains(c)).forEach(read::add);
            }
            for (Candidate c : read) {
                b.append(" c ").append(c.variant().id()).append(' ').append(c.pool().name()).append(' ')
                        .append(c.pool().maxNodes()).append(' ').append(c.hardware().name()).append(' ')
                        .append(c.benchmark().batchSize()).append(' ').append(c.benchmark().concurrency())
                        .append(' ').append(c.benchmark().source()).append(' ').append(c.replicas()).append(' ')
                        .append(c.priceMicros()).append(' ').append(c.perReplica()).append(' ')
                        .append(c.hardware().capacity()).append(' ').append(c.benchmark().throughputRps())
                        .append(' ').append(c.benchmark().p99LatencyMs()).append('\n');
            }
        }
        for (QuotaLimit q : problem.quotaLimits(unit)) {
            b.append("quota ").append(q.key()).append(' ').append(q.limitVcpus()).append(' ')
                    .append(new TreeSet<>(q.poolKeys())).append('\n');
        }
        return sha256(b.toString());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
