package io.modelfleet.metrics.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelfleet.metrics.FleetFigures;
import io.modelfleet.metrics.FleetFiguresReader;
import java.time.Instant;

/**
 * What reading the latest plan's figures costs when a new plan appears: parses a synthetic stored result of
 * {@code pairs} placements, each with {@code alternatives} options (issue 11 measured 13 MB for 1,000 pairs), and
 * prints its size and the parse time (median of the runs after warm-up). Run after {@code ./mvnw -o -q test-compile}
 * with {@code ./mvnw -q exec:java -Dexec.mainClass=io.modelfleet.metrics.bench.LatestPlanParseBenchmark
 * -Dexec.args="1000 60"}, or, where the exec plugin is not in the Maven cache, with {@code java -cp
 * target/test-classes:target/classes:<jackson-databind, -core and -annotations jars> ...LatestPlanParseBenchmark 1000 60}.
 */
public final class LatestPlanParseBenchmark {

    private LatestPlanParseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int alternatives = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        String json = result(pairs, alternatives);
        long[] runs = new long[15];
        FleetFigures.LatestPlan plan = null;
        for (int i = 0; i < runs.length; i++) {
            long start = System.nanoTime();
            plan = FleetFiguresReader.parse("bench", Instant.EPOCH, "OPTIMAL", 1.0, json);
            runs[i] = System.nanoTime() - start;
        }
        long[] measured = java.util.Arrays.copyOfRange(runs, 5, runs.length);
        java.util.Arrays.sort(measured);
        System.out.printf("pairs=%d alternatives/pair=%d result=%.1f MB deployments=%d parse median=%.1f ms"
                + " (min %.1f, max %.1f) over %d runs after 5 warm-up%n", pairs, alternatives,
                json.length() / 1e6, plan.costByDeployment().size(), measured[measured.length / 2] / 1e6,
                measured[0] / 1e6, measured[measured.length - 1] / 1e6, measured.length);
    }

    /** A stored result shaped like PlanJson's: placements, unplaced, alternatives, baselines. */
    static String result(int pairs, int alternatives) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("status", "OPTIMAL").put("totalHourlyCostUsd", pairs * 1.052);
        ArrayNode placements = root.putArray("placements");
        ArrayNode alts = root.putArray("alternatives");
        for (int i = 0; i < pairs; i++) {
            String deployment = "deployment-" + (i / 4);
            String cluster = "cluster-" + (i % 4);
            placements.addObject().put("deployment", deployment).put("cluster", cluster)
                    .put("variantId", java.util.UUID.nameUUIDFromBytes(("v" + i).getBytes()).toString())
                    .put("precision", "INT8").put("hardware", "g4dn.xlarge").put("pool", "gpu").put("batchSize", 8)
                    .put("replicas", 2).put("p99LatencyMs", 7.1).put("capacityRps", 3600.0)
                    .put("hourlyCostUsd", 1.052);
            ObjectNode pair = alts.addObject().put("deployment", deployment).put("cluster", cluster);
            ArrayNode options = pair.putArray("options");
            for (int a = 0; a < alternatives; a++) {
                options.addObject().put("variantId", "v-" + a).put("precision", a % 2 == 0 ? "FP32" : "FP16")
                        .put("hardware", "inf2.xlarge").put("pool", "inf").put("batchSize", 4).put("replicas", 3)
                        .put("outcome", a < 3 ? "COSTLIER" : "REJECTED").put("rule", "LATENCY")
                        .put("reason", "p99 31.2 ms exceeds the SLO's 20.0 ms at batch size 4 on inf2.xlarge")
                        .put("extraHourlyCostUsd", 0.31 * a).put("costBasis", "EXACT");
            }
        }
        root.putArray("unplaced");
        ObjectNode baselines = root.putObject("baselines");
        baselines.putObject("fp32Only").put("totalHourlyCostUsd", pairs * 2.63).putArray("unplaced");
        baselines.putObject("singleHardware").put("totalHourlyCostUsd", pairs * 1.3).putArray("unplaced");
        return mapper.writeValueAsString(root);
    }
}
