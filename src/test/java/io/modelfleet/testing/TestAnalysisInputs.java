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
 * cluster "metrics" and deployment "analysis", replaces it as soon as it is there ({@link DefaultBean}).
 */
@DefaultBean
@ApplicationScoped
public class TestAnalysisInputs implements AnalysisInputs {

    private final Map<String, MetricsSource> sources = new ConcurrentHashMap<>();
    private final Map<String, AnalysisSettings> settings = new ConcurrentHashMap<>();

    public void metrics(String cluster, MetricsSource source) {
        sources.put(cluster, source);
    }

    public void settings(String deployment, AnalysisSettings value) {
        settings.put(deployment, value);
    }

    @Override
    public Optional<MetricsSource> metricsSource(String cluster) {
        return Optional.ofNullable(sources.get(cluster));
    }

    @Override
    public AnalysisSettings settings(String deployment) {
        return settings.getOrDefault(deployment, AnalysisSettings.DEFAULTS);
    }
}
