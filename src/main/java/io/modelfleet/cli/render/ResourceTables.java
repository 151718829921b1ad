package io.modelfleet.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** The {@code get} tables: one row per resource, the columns a person scans first; {@code -o yaml} has the rest. */
public final class ResourceTables {

    private ResourceTables() {
    }

    public static String hardware(JsonNode items) {
        Table t = new Table("NAME", "ACCELERATOR", ">COUNT", ">VCPUS", ">MEMORY_GIB", "PRECISIONS", "OFFERINGS");
        for (JsonNode h : items) {
            t.row(h.path("name").asText(), h.path("accelerator").asText(), h.path("acceleratorCount").asInt(),
                    h.path("vcpus").asInt(), number(h.path("memoryGiB")), join(h.path("precisions"), JsonNode::asText),
                    join(h.path("offerings"), o -> o.path("region").asText() + "/" + o.path("capacityType").asText()
                            + " $" + Money.usd(o.path("hourlyPriceUsd").asDouble())
                            + (o.path("stale").asBoolean() ? " (stale)" : "")));
        }
        return t.render();
    }

    public static String models(JsonNode items) {
        Table t = new Table("NAME", "TASK", "METRIC", ">VARIANTS");
        for (JsonNode m : items) {
            t.row(m.path("name").asText(), m.path("task").asText(), m.path("accuracyMetric").asText(),
                    m.path("variantCount").asLong());
        }
        return t.render();
    }

    public static String variants(JsonNode items) {
        Table t = new Table("MODEL", "ID", "VERSION", "PRECISION", "COMPRESSION", "FORMAT", ">ACCURACY",
                "BENCHMARKED_ON");
        for (JsonNode v : items) {
            t.row(v.path("model").asText(), v.path("id").asText(), v.path("version").asText(),
                    v.path("precision").asText(), dashIfEmpty(join(v.path("compression"), JsonNode::asText)),
                    v.path("format").asText(), v.hasNonNull("accuracy") ? number(v.path("accuracy")) : "-",
                    dashIfEmpty(distinct(v.path("benchmarks"), b -> b.path("hardware").asText())));
        }
        return t.render();
    }

    public static String clusters(JsonNode items) {
        Table t = new Table("NAME", "REGION", "TARGET", "POOLS", "METRICS");
        for (JsonNode c : items) {
            t.row(c.path("name").asText(), c.path("region").asText(), c.path("target").path("type").asText(),
                    join(c.path("nodePools"), p -> p.path("name").asText() + ":" + p.path("hardware").asText() + "x"
                            + p.path("maxNodes").asInt() + " " + p.path("capacityType").asText()),
                    c.has("metrics") ? c.path("metrics").path("prometheusUrl").asText() : "-");
        }
        return t.render();
    }

    public static String deployments(JsonNode items) {
        Table t = new Table("NAME", "MODEL", "VERSION", ">P99_MS", "DEMAND_RPS", "DEMAND_SOURCE");
        for (JsonNode d : items) {
            t.row(d.path("name").asText(), d.path("model").asText(), d.path("version").asText(),
                    number(d.path("slo").path("p99LatencyMs")),
                    dashIfEmpty(join(d.path("demand"), x -> x.path("cluster").asText() + "="
                            + number(x.path("rps")))),
                    d.path("demandSource").asText("DECLARED"));
        }
        return t.render();
    }

    public static String plans(JsonNode items) {
        Table t = new Table("ID", "CREATED", "STATUS", ">$/H", "DEPLOYMENTS");
        for (JsonNode p : items) {
            t.row(p.path("id").asText(), p.path("createdAt").asText(), p.path("status").asText(),
                    p.hasNonNull("totalHourlyCostUsd") ? Money.usd(p.path("totalHourlyCostUsd").asDouble()) : "-",
                    join(p.path("deployments"), JsonNode::asText));
        }
        return t.render();
    }

    public static String rollouts(JsonNode items) {
        Table t = new Table("ID", "PLAN", "KIND", "STATUS", "CREATED", "REASON");
        for (JsonNode r : items) {
            t.row(r.path("id").asText(), r.hasNonNull("planId") ? r.path("planId").asText() : "-",
                    r.path("kind").asText(), r.path("status").asText(), r.path("createdAt").asText(),
                    r.hasNonNull("reason") ? r.path("reason").asText() : "");
        }
        return t.render();
    }

    /** A JSON number without a spurious {@code .0}: 8.0 as 8, 7.1 as 7.1. */
    static String number(JsonNode n) {
        double d = n.asDouble();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : n.asText();
    }

    private static String join(JsonNode array, Function<JsonNode, String> cell) {
        return StreamSupport.stream(array.spliterator(), false).map(cell).collect(Collectors.joining(","));
    }

    private static String distinct(JsonNode array, Function<JsonNode, String> cell) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> {
            String s = cell.apply(n);
            if (!out.contains(s)) {
                out.add(s);
            }
        });
        return String.join(",", out);
    }

    private static String dashIfEmpty(String s) {
        return s.isEmpty() ? "-" : s;
    }
}
