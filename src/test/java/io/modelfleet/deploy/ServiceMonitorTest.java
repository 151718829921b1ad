package io.modelfleet.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.modelfleet.rollout.gitops.GitOpsFolders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The production overlay as kustomize builds it (kubectl kustomize) has a ServiceMonitor that selects the control
 * plane's Service in the same namespace and scrapes /q/metrics on the Service's named port; the base has none, so it
 * still applies on a cluster without the Prometheus Operator.
 */
class ServiceMonitorTest {

    private static final Path BASE = Path.of("k8s/base");
    private static final Path PRODUCTION = Path.of("k8s/overlays/production");

    private static List<JsonNode> built(Path folder) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class)
                .readValues(GitOpsFolders.kustomize(folder))) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isEmpty()) {
                    out.add(doc);
                }
            }
        }
        return out;
    }

    private static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    @Test
    void theProductionOverlayScrapesTheControlPlanesServiceOnItsHttpPort() throws Exception {
        List<JsonNode> docs = built(PRODUCTION);
        List<JsonNode> monitors = ofKind(docs, "ServiceMonitor");
        assertEquals(1, monitors.size(), "one ServiceMonitor in the production overlay");
        JsonNode monitor = monitors.get(0);
        assertEquals("monitoring.coreos.com/v1", monitor.path("apiVersion").asText());
        JsonNode service = ofKind(docs, "Service").get(0);
        assertEquals(service.path("metadata").path("namespace").asText(),
                monitor.path("metadata").path("namespace").asText(),
                "in the Service's namespace (a ServiceMonitor without namespaceSelector looks only in its own)");
        assertEquals("modelfleet", monitor.path("metadata").path("namespace").asText());

        JsonNode matchLabels = monitor.path("spec").path("selector").path("matchLabels");
        assertTrue(matchLabels.size() > 0, "the selector names labels");
        matchLabels.fields().forEachRemaining(label -> assertEquals(label.getValue().asText(),
                service.path("metadata").path("labels").path(label.getKey()).asText(),
                "the Service carries the selector's label " + label.getKey()));
        assertEquals(1, ofKind(docs, "Service").stream().filter(s -> {
            boolean all = true;
            for (var it = matchLabels.fields(); it.hasNext(); ) {
                var label = it.next();
                all &= label.getValue().asText().equals(s.path("metadata").path("labels").path(label.getKey()).asText());
            }
            return all;
        }).count(), "it selects exactly the control plane's Service");

        JsonNode endpoints = monitor.path("spec").path("endpoints");
        assertEquals(1, endpoints.size());
        JsonNode endpoint = endpoints.get(0);
        assertEquals("/q/metrics", endpoint.path("path").asText());
        String port = endpoint.path("port").asText();
        boolean named = false;
        for (JsonNode p : service.path("spec").path("ports")) {
            named |= port.equals(p.path("name").asText());
        }
        assertTrue(named, "the endpoint's port '" + port + "' is a named port of the Service");
        assertEquals("30s", endpoint.path("interval").asText());
        assertEquals("10s", endpoint.path("scrapeTimeout").asText());
    }

    @Test
    void whereTheServiceMonitorScrapesThePodsAskAnnotationDiscoveryNotTo() throws Exception {
        JsonNode pod = ofKind(built(PRODUCTION), "Deployment").get(0).path("spec").path("template");
        // Scraped twice (ServiceMonitor and annotations), every counter would count double under sum().
        assertEquals("false", pod.path("metadata").path("annotations").path("prometheus.io/scrape").asText());
        assertEquals("true", ofKind(built(BASE), "Deployment").get(0).path("spec").path("template")
                .path("metadata").path("annotations").path("prometheus.io/scrape").asText(),
                "the base, without the operator, is still found by annotation");
    }

    @Test
    void theBaseHasNoServiceMonitorSoItAppliesWithoutThePrometheusOperator() throws Exception {
        assertEquals(List.of(), ofKind(built(BASE), "ServiceMonitor"));
    }
}
