package io.modelfleet.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A rollout as a tree, the way {@code kubectl argo rollouts get rollout} draws one: the rollout, its clusters in
 * wave order, each cluster's steps, each with a status symbol and its reason when it has one.
 */
public final class RolloutTree {

    /** Statuses after which a rollout changes no more, and the one a watch counts as success. */
    public static final Set<String> TERMINAL = Set.of("SUCCEEDED", "ROLLED_BACK", "ABORTED", "FAILED");
    public static final String SUCCEEDED = "SUCCEEDED";
    /** Not terminal, but stuck until a person acts (force-end): a watch stops there too. */
    public static final String ROLLBACK_FAILED = "ROLLBACK_FAILED";

    private static final Map<String, String> SYMBOLS = Map.ofEntries(
            Map.entry("SUCCEEDED", "✔"), Map.entry("DONE", "✔"),
            Map.entry("RUNNING", "◌"), Map.entry("IN_PROGRESS", "◌"), Map.entry("APPLIED", "◌"),
            Map.entry("CAPTURED", "◌"), Map.entry("ANALYZING", "◌"), Map.entry("ABORTING", "◌"),
            Map.entry("PENDING", "○"), Map.entry("PAUSED", "॥"),
            Map.entry("FAILED", "✖"), Map.entry("ROLLBACK_FAILED", "✖"),
            Map.entry("ROLLING_BACK", "↶"), Map.entry("ROLLED_BACK", "↶"),
            Map.entry("ABORTED", "⊘"), Map.entry("SKIPPED", "⊘"));

    private RolloutTree() {
    }

    public static String symbol(String status) {
        return SYMBOLS.getOrDefault(status, "?");
    }

    public static String render(JsonNode r) {
        StringBuilder out = new StringBuilder();
        String status = r.path("status").asText();
        out.append("Rollout:  ").append(r.path("id").asText()).append('\n');
        out.append("Plan:     ").append(r.hasNonNull("planId") ? r.path("planId").asText() : "- (retirement)")
                .append('\n');
        out.append("Status:   ").append(symbol(status)).append(' ').append(status);
        if (r.path("needsAttention").asBoolean(false)) {
            out.append(" (needs attention: modelfleet cannot finish it; an admin can force-end it)");
        }
        out.append('\n');
        if (r.hasNonNull("reason")) {
            out.append("Reason:   ").append(reason(r)).append('\n');
        }
        JsonNode clusters = r.path("clusters");
        if (clusters.isEmpty()) {
            return out.toString();
        }
        out.append("Clusters:\n");
        for (Iterator<JsonNode> it = clusters.iterator(); it.hasNext(); ) {
            JsonNode c = it.next();
            boolean lastCluster = !it.hasNext();
            out.append(lastCluster ? "└── " : "├── ").append(symbol(c.path("status").asText())).append(' ')
                    .append(c.path("cluster").asText()).append("  wave ").append(c.path("wave").asInt())
                    .append("  ").append(c.path("status").asText());
            if (c.hasNonNull("reason")) {
                out.append("  ").append(reason(c));
            }
            out.append('\n');
            String indent = lastCluster ? "    " : "│   ";
            for (Iterator<JsonNode> steps = c.path("steps").iterator(); steps.hasNext(); ) {
                JsonNode s = steps.next();
                out.append(indent).append(steps.hasNext() ? "├── " : "└── ").append(step(s)).append('\n');
            }
        }
        return out.toString();
    }

    private static String step(JsonNode s) {
        String status = s.path("status").asText();
        StringBuilder line = new StringBuilder(symbol(status)).append(' ').append(s.path("action").asText())
                .append(' ').append(s.path("deployment").asText());
        if (s.hasNonNull("workload")) {
            line.append("  ").append(s.path("namespace").asText()).append('/').append(s.path("workload").asText());
        }
        line.append("  ").append(status);
        if (s.path("requiredReplicas").asInt() > 0) {
            line.append("  replicas ").append(s.path("requiredReplicas").asInt());
        }
        JsonNode analysis = s.path("analysis");
        if (analysis.isObject()) {
            line.append("  analysis ").append(analysis.hasNonNull("verdict") ? analysis.path("verdict").asText()
                    : "measuring").append(" (").append(analysis.path("measurements").size()).append(" checks)");
        }
        if (s.hasNonNull("reason")) {
            line.append("  ").append(reason(s));
        }
        return line.toString();
    }

    private static String reason(JsonNode n) {
        String code = n.path("reasonCode").asText("");
        String reason = n.path("reason").asText();
        return code.isEmpty() || reason.startsWith(code) ? reason : code + ": " + reason;
    }
}
