package io.modelfleet.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plan the way SkyPilot's optimizer shows its choice: per (deployment, cluster) pair the chosen option with a check
 * mark, then the cheapest options that lost and by how much, then what was rejected and by which rule. {@code $/H}
 * of a costlier row is the chosen placement's cost plus what the whole cluster would cost more with that option
 * (the plan's {@code extraHourlyCostUsd}), so rows compare directly.
 */
public final class PlanTable {

    public static final int DEFAULT_ALTERNATIVES = 3;
    private static final String[] COLUMNS = {"VARIANT", "PRECISION", "HARDWARE", "POOL", ">BATCH", ">REPLICAS",
        ">$/H", "CHOSEN", "WHY NOT"};

    private PlanTable() {
    }

    /** The plan's first line: id, status, total cost per hour and month, bound and gap. */
    public static String headline(JsonNode plan) {
        double total = plan.path("totalHourlyCostUsd").asDouble();
        StringBuilder s = new StringBuilder("Plan ").append(plan.path("id").asText()).append(": ")
                .append(plan.path("status").asText()).append(", $").append(Money.usd(total)).append("/h ($")
                .append(Money.perMonth(total)).append("/month)");
        if (plan.hasNonNull("lowerBoundUsd")) {
            s.append(", lower bound $").append(Money.usd(plan.path("lowerBoundUsd").asDouble())).append("/h");
        }
        if (plan.hasNonNull("gap")) {
            s.append(", gap ").append(percent(plan.path("gap").asDouble()));
        }
        if (plan.path("cancelled").asBoolean(false)) {
            s.append(" (cancelled: the best plan found until then)");
        }
        return s.append('\n').toString();
    }

    /** The whole plan: headline, one table per pair with {@code alternatives} costlier rows, baselines, warnings. */
    public static String render(JsonNode plan, int alternatives) {
        StringBuilder out = new StringBuilder(headline(plan));
        for (JsonNode pair : plan.path("alternatives")) {
            out.append('\n').append(pair(plan, pair, options(pair), alternatives, false));
        }
        for (JsonNode u : plan.path("unplaced")) {
            if (!hasPair(plan, u.path("deployment").asText(), u.path("cluster").asText())) {
                out.append('\n').append(unplaced(u));
            }
        }
        out.append(baselines(plan));
        for (JsonNode w : plan.path("warnings")) {
            out.append("warning: ").append(warning(w)).append('\n');
        }
        return out.toString();
    }

    /** "ESTIMATED_BENCHMARK resnet-prod on prod-use1: ...", or the text of a warning from an older server. */
    static String warning(JsonNode w) {
        if (w.isTextual()) {
            return w.asText();
        }
        String pair = w.hasNonNull("deployment") ? " " + w.path("deployment").asText() + " on "
                + w.path("cluster").asText() : "";
        return w.path("kind").asText() + pair + ": " + w.path("detail").asText();
    }

    /** One pair in full: every costlier option and every rejected one with its rule and reason. */
    public static String explain(JsonNode plan, String deployment, String cluster, List<JsonNode> options) {
        JsonNode pair = plan.path("alternatives").isArray() ? findPair(plan, deployment, cluster) : null;
        JsonNode base = pair != null ? pair : ApiNodes.object("deployment", deployment, "cluster", cluster);
        return headline(plan) + "\n" + pair(plan, base, options, Integer.MAX_VALUE, true);
    }

    private static String pair(JsonNode plan, JsonNode pair, List<JsonNode> options, int costlierShown,
            boolean listRejected) {
        String deployment = pair.path("deployment").asText();
        String cluster = pair.path("cluster").asText();
        JsonNode placement = placement(plan, deployment, cluster);
        StringBuilder out = new StringBuilder(deployment).append(" on ").append(cluster);
        out.append(placement == null ? ": UNPLACED\n" : "\n");
        double chosenCost = placement == null ? 0 : placement.path("hourlyCostUsd").asDouble();
        Table t = new Table(COLUMNS);
        options.stream().filter(o -> "CHOSEN".equals(o.path("outcome").asText())).forEach(o -> t.row(
                shortId(o.path("variantId").asText()), o.path("precision").asText(), o.path("hardware").asText(),
                o.path("pool").asText(), o.path("batchSize").asText(""), placement != null
                        ? placement.path("replicas").asInt() : o.path("replicas").asText(""), Money.usd(chosenCost),
                "✔", ""));
        List<JsonNode> costlier = options.stream().filter(o -> "COSTLIER".equals(o.path("outcome").asText()))
                .sorted(Comparator.comparingDouble(o -> o.path("extraHourlyCostUsd").asDouble())).toList();
        costlier.stream().limit(costlierShown).forEach(o -> {
            double extra = o.path("extraHourlyCostUsd").asDouble();
            t.row(shortId(o.path("variantId").asText()), o.path("precision").asText(), o.path("hardware").asText(),
                    o.path("pool").asText(), o.path("batchSize").asText(""), o.path("replicas").asText(""),
                    Money.usd(chosenCost + extra), "", extra == 0 ? "costs the same (" + basis(o) + "); the solver"
                            + " kept the other" : "+$" + Money.usd(extra) + "/h for the cluster (" + basis(o) + ")");
        });
        List<JsonNode> rejected = options.stream().filter(o -> "REJECTED".equals(o.path("outcome").asText()))
                .toList();
        if (listRejected) {
            rejected.forEach(o -> t.row(shortId(o.path("variantId").asText()), o.path("precision").asText(),
                    o.path("hardware").asText(), o.path("pool").asText(), o.path("batchSize").asText(""),
                    o.path("replicas").asText(""), "-", "",
                    o.path("rule").asText() + ": " + o.path("reason").asText()));
        }
        if (!t.isEmpty()) {
            out.append(t.render("  "));
        }
        int hidden = Math.max(0, costlier.size() - costlierShown);
        if (hidden > 0) {
            out.append("  ").append(hidden).append(" more costlier option(s)\n");
        }
        Map<String, Integer> byRule = listRejected ? Map.of() : rejectedByRule(pair, rejected);
        if (!byRule.isEmpty()) {
            int total = byRule.values().stream().mapToInt(Integer::intValue).sum();
            List<String> parts = new ArrayList<>();
            byRule.forEach((rule, n) -> parts.add(n + " " + rule));
            out.append("  ").append(total).append(" rejected: ").append(String.join(", ", parts))
                    .append(" (modelfleet plan explain ").append(deployment).append(' ').append(cluster)
                    .append(" --plan ").append(plan.path("id").asText()).append(")\n");
        }
        if (placement == null) {
            JsonNode u = unplacedOf(plan, deployment, cluster);
            if (u != null && !listRejected) {
                u.path("reasons").forEach(r -> out.append("  ").append(r.asText()).append('\n'));
            }
        }
        return out.toString();
    }

    /** Rejections counted by rule: the server's counts when it sends them, else counted from the options. */
    private static Map<String, Integer> rejectedByRule(JsonNode pair, List<JsonNode> rejected) {
        Map<String, Integer> byRule = new TreeMap<>();
        JsonNode counts = pair.path("rejectedByRule");
        if (counts.isObject()) {
            counts.properties().forEach(e -> byRule.put(e.getKey(), e.getValue().asInt()));
            return byRule;
        }
        rejected.forEach(o -> byRule.merge(o.path("rule").asText(), 1, Integer::sum));
        return byRule;
    }

    private static String unplaced(JsonNode u) {
        StringBuilder out = new StringBuilder(u.path("deployment").asText()).append(" on ")
                .append(u.path("cluster").asText()).append(": UNPLACED\n");
        u.path("reasons").forEach(r -> out.append("  ").append(r.asText()).append('\n'));
        return out.toString();
    }

    private static String baselines(JsonNode plan) {
        JsonNode b = plan.path("baselines");
        if (!b.isObject()) {
            return "";
        }
        double total = plan.path("totalHourlyCostUsd").asDouble();
        StringBuilder out = new StringBuilder("\nBaselines:\n");
        Table t = new Table("BASELINE", ">$/H", ">THIS_PLAN_SAVES_$/H", ">UNPLACED");
        int unplaced = plan.path("unplaced").size();
        baseline(t, "fp32-only", b.path("fp32Only"), total, unplaced);
        baseline(t, "single-hardware", b.path("singleHardware"), total, unplaced);
        return out.append(t.render("  ")).toString();
    }

    /** A baseline that leaves more pairs unplaced than the plan serves less, so its cost is no saving: "-". */
    private static void baseline(Table t, String name, JsonNode b, double total, int planUnplaced) {
        if (b.isObject()) {
            double cost = b.path("totalHourlyCostUsd").asDouble();
            int unplaced = b.path("unplaced").size();
            t.row(name, Money.usd(cost), unplaced > planUnplaced ? "-" : Money.usd(cost - total), unplaced);
        }
    }

    private static List<JsonNode> options(JsonNode pair) {
        List<JsonNode> out = new ArrayList<>();
        pair.path("options").forEach(out::add);
        return out;
    }

    private static boolean hasPair(JsonNode plan, String deployment, String cluster) {
        return findPair(plan, deployment, cluster) != null;
    }

    static JsonNode findPair(JsonNode plan, String deployment, String cluster) {
        for (JsonNode p : plan.path("alternatives")) {
            if (deployment.equals(p.path("deployment").asText()) && cluster.equals(p.path("cluster").asText())) {
                return p;
            }
        }
        return null;
    }

    private static JsonNode placement(JsonNode plan, String deployment, String cluster) {
        for (JsonNode p : plan.path("placements")) {
            if (deployment.equals(p.path("deployment").asText()) && cluster.equals(p.path("cluster").asText())) {
                return p;
            }
        }
        return null;
    }

    private static JsonNode unplacedOf(JsonNode plan, String deployment, String cluster) {
        for (JsonNode u : plan.path("unplaced")) {
            if (deployment.equals(u.path("deployment").asText()) && cluster.equals(u.path("cluster").asText())) {
                return u;
            }
        }
        return null;
    }

    private static String basis(JsonNode option) {
        return "EXACT".equals(option.path("costBasis").asText()) ? "re-solved exactly" : "standalone estimate";
    }

    /** Variant ids are UUIDs; the first 8 characters tell them apart in a plan (-o json has them whole). */
    public static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
