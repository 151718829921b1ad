package io.modelfleet.testing;

import io.modelfleet.analysis.domain.AnalysisInputs;
import io.modelfleet.analysis.domain.AnalysisSettings;
import io.modelfleet.analysis.domain.MetricsSource;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's tests' {@link AnalysisInputs} (test sources only), used while no implementation is on the class
 * path: metrics sources and settings a test sets by name. analysis-api's implementation, which reads the stored
 * cluster "metrics" and deployment "analysis", replaces it as soon as it is there ({@link DefaultBean}); the maps are
 * static so that no test injects this class (an injection point would be unsatisfied then), and the tests that set
 * them move to the API's fields when that implementation is merged.
 */
@DefaultBean
@ApplicationScoped
public class TestAnalysisInputs implements AnalysisInputs {

    private static final Map<String, MetricsSource> SOURCES = new ConcurrentHashMap<>();
    private static final Map<String, AnalysisSettings> SETTINGS = new ConcurrentHashMap<>();

    public static void metrics(String cluster, MetricsSource source) {
        SOURCES.put(cluster, source);
    }

    public static void settingsFor(String deployment, AnalysisSettings value) {
        SETTINGS.put(deployment, value);
    }

    @Override
    public Optional<MetricsSource> metricsSource(String cluster) {
        return Optional.ofNullable(SOURCES.get(cluster));
    }

    @Override
    public AnalysisSettings settings(String deployment) {
        return SETTINGS.getOrDefault(deployment, AnalysisSettings.DEFAULTS);
    }
}
