package io.modelfleet.testing.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.modelfleet.testing.RequiredPrograms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/rollouts.md's scrape config is the one the tests run: its label-producing relabel rules equal the harness's
 * {@link PrometheusServer#POD_RELABELING}, and promtool accepts the whole config once Kubernetes discovery is
 * replaced by a static target (Debian's Prometheus build leaves kubernetes_sd_configs out).
 */
class PrometheusScrapeConfigDocTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theDocumentedRelabelRulesAreTheOnesTheRealPrometheusRanAndPromtoolAcceptsThem(@TempDir Path dir)
            throws IOException, InterruptedException {
        String docs = Files.readString(Path.of("docs/rollouts.md"));
        int section = docs.indexOf("\n## Analysis\n");
        assertTrue(section >= 0, "docs/rollouts.md has an Analysis section");
        int start = docs.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = docs.substring(start, docs.indexOf("```", start));
        Map<String, List<Map<String, Object>>> config = YAML.readValue(yaml, new TypeReference<>() { });
        List<Map<String, Object>> jobs = config.get("scrape_configs");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> podRules = (List<Map<String, Object>>) jobs.get(0).get("relabel_configs");
        List<Map<String, Object>> labelling = podRules.stream().filter(r -> !r.containsKey("action")).toList();
        assertEquals(PrometheusServer.POD_RELABELING, labelling);
        assertEquals(true, jobs.get(1).get("honor_labels"), "kube-state-metrics keeps its own namespace label");

        RequiredPrograms.ensure("promtool", "prometheus");
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, yaml.replace("kubernetes_sd_configs: [{role: pod}]",
                "static_configs: [{targets: ['10.0.0.1:8000']}]").replace("kubernetes_sd_configs: [{role: endpoints}]",
                "static_configs: [{targets: ['10.0.0.2:8080']}]"));
        Process promtool = new ProcessBuilder("promtool", "check", "config", file.toString()).redirectErrorStream(true)
                .start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, promtool.waitFor(), output);
    }
}
