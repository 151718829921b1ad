package io.modelfleet.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/grafana/modelfleet.json queries exactly the metrics the app exports ({@link MetricNames}, which
 * FleetMetricsTest holds to a real scrape): every series an expression names exists, every label it groups or
 * filters by is one of that metric's, and every exported family has a panel.
 */
class GrafanaDashboardTest {

    private static final Pattern METRIC = Pattern.compile("\\bmodelfleet_[a-z0-9_]+");
    /** Labels inside by (...) / without (...), and matchers inside {...}. */
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern SELECTOR = Pattern.compile("(modelfleet_[a-z0-9_]+)\\{([^}]*)\\}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");

    private static JsonNode dashboard;
    private static final List<JsonNode> PANELS = new ArrayList<>();

    @BeforeAll
    static void read() throws Exception {
        dashboard = new ObjectMapper().readTree(Path.of("docs/grafana/modelfleet.json").toFile());
        collect(dashboard.path("panels"));
    }

    private static void collect(JsonNode panels) {
        for (JsonNode p : panels) {
            PANELS.add(p);
            collect(p.path("panels"));
        }
    }

    private static List<String> exprs() {
        List<String> out = new ArrayList<>();
        for (JsonNode p : PANELS) {
            for (JsonNode t : p.path("targets")) {
                out.add(t.path("expr").asText());
            }
        }
        return out;
    }

    /** The family a series name belongs to: itself, or a histogram's _bucket, _count, _sum, _max. */
    private static String family(String series) {
        if (MetricNames.ALL.containsKey(series)) {
            return series;
        }
        for (String suffix : List.of("_bucket", "_count", "_sum", "_max")) {
            String base = series.endsWith(suffix) ? series.substring(0, series.length() - suffix.length()) : null;
            if (base != null && MetricNames.ALL.containsKey(base)
                    && MetricNames.ALL.get(base).type().equals("histogram")) {
                return base;
            }
        }
        return null;
    }

    @Test
    void everyExpressionNamesOnlyExportedSeries() {
        List<String> exprs = exprs();
        assertFalse(exprs.isEmpty(), "the dashboard has queries");
        for (String expr : exprs) {
            Matcher m = METRIC.matcher(expr);
            assertTrue(m.find(), "every query reads a modelfleet_ metric: " + expr);
            m.reset();
            while (m.find()) {
                assertTrue(family(m.group()) != null, m.group() + " in '" + expr + "' is not exported");
            }
        }
    }

    @Test
    void everyLabelAQueryFiltersOrGroupsByBelongsToItsMetrics() {
        for (String expr : exprs()) {
            Set<String> labels = new TreeSet<>();
            Set<String> families = new TreeSet<>();
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                families.add(family(m.group()));
            }
            Set<String> allowed = new TreeSet<>(Set.of("le"));
            families.forEach(f -> allowed.addAll(MetricNames.ALL.get(f).labels()));
            Matcher g = GROUPING.matcher(expr);
            while (g.find()) {
                for (String label : g.group(1).split(",")) {
                    if (!label.isBlank()) {
                        labels.add(label.trim());
                    }
                }
            }
            Matcher s = SELECTOR.matcher(expr);
            while (s.find()) {
                Set<String> own = new TreeSet<>(MetricNames.ALL.get(family(s.group(1))).labels());
                Matcher l = MATCHER.matcher(s.group(2));
                while (l.find()) {
                    assertTrue(own.contains(l.group(1)), s.group(1) + " has no label " + l.group(1) + ": " + expr);
                }
            }
            assertTrue(allowed.containsAll(labels), "'" + expr + "' groups by " + labels + ", its metrics have "
                    + allowed);
        }
    }

    /**
     * promtool parses every query as a recording rule (Grafana's {@code $__rate_interval} as 5m): syntax, functions
     * and argument types are Prometheus's own checks, not a guess.
     */
    @Test
    void promtoolAcceptsEveryQuery(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        boolean promtool = java.util.stream.Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && java.nio.file.Files.isExecutable(Path.of(d, "promtool")));
        org.junit.jupiter.api.Assumptions.assumeTrue(promtool, "promtool is not on the PATH");
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        List<String> exprs = exprs();
        for (int i = 0; i < exprs.size(); i++) {
            String expr = exprs.get(i).replace("$__rate_interval", "5m");
            rules.append("      - record: dashboard:query_").append(i).append("\n        expr: ")
                    .append(new ObjectMapper().writeValueAsString(expr)).append('\n');
        }
        Path file = dir.resolve("dashboard-rules.yaml");
        java.nio.file.Files.writeString(file, rules);
        Process p = new ProcessBuilder("promtool", "check", "rules", file.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("SUCCESS: " + exprs.size() + " rules found"), out);
    }

    @Test
    void everyExportedFamilyHasAPanel() {
        Set<String> used = new TreeSet<>();
        for (String expr : exprs()) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                used.add(family(m.group()));
            }
        }
        assertEquals(new TreeSet<>(MetricNames.ALL.keySet()), used);
    }

    @Test
    void everyQueryHasBalancedBracketsAndEveryPanelUsesTheDatasourceVariable() {
        for (String expr : exprs()) {
            int round = 0;
            int curly = 0;
            int square = 0;
            for (char c : expr.toCharArray()) {
                round += c == '(' ? 1 : c == ')' ? -1 : 0;
                curly += c == '{' ? 1 : c == '}' ? -1 : 0;
                square += c == '[' ? 1 : c == ']' ? -1 : 0;
                assertTrue(round >= 0 && curly >= 0 && square >= 0, "unbalanced: " + expr);
            }
            assertEquals(List.of(0, 0, 0), List.of(round, curly, square), "unbalanced: " + expr);
        }
        assertEquals("datasource", dashboard.path("templating").path("list").get(0).path("name").asText());
        for (JsonNode p : PANELS) {
            if (!p.path("type").asText().equals("row")) {
                assertEquals("${datasource}", p.path("datasource").path("uid").asText(), p.path("title").asText());
                assertFalse(p.path("title").asText().isBlank(), "every panel has a title");
            }
        }
        Set<Integer> ids = new TreeSet<>();
        PANELS.forEach(p -> assertTrue(ids.add(p.path("id").asInt()), "panel ids are unique"));
    }
}
