package io.modelfleet.rollout.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelfleet.analysis.domain.AnalysisSettings;
import io.modelfleet.analysis.domain.MetricsSource;
import io.modelfleet.analysis.domain.ErrorRatioPolicy;
import io.modelfleet.analysis.domain.QueryRuntime;
import java.time.Duration;

/**
 * What an UPSERT step is analyzed with, copied when its rollout was created (a later edit of the cluster or the
 * deployment does not change a running rollout): the cluster's metrics source, the deployment's settings with the
 * runtime resolved (never null here), and the SLO's p99 limit in milliseconds.
 */
public record AnalysisSnapshot(MetricsSource source, AnalysisSettings settings, double p99LimitMs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public AnalysisSnapshot {
        if (settings.runtime() == null) {
            throw new IllegalArgumentException("a step's analysis snapshot needs its runtime resolved");
        }
    }

    public QueryRuntime runtime() {
        return settings.runtime();
    }

    /** The settings and the p99 limit as stored in {@code rollout_step.analysis_settings}. */
    public String settingsJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("runtime", settings.runtime().name());
        n.put("interval", settings.interval().toString());
        n.put("count", settings.count());
        n.put("initialDelay", settings.initialDelay().toString());
        n.put("failureLimit", settings.failureLimit());
        n.put("inconclusiveLimit", settings.inconclusiveLimit());
        n.put("consecutiveErrorLimit", settings.consecutiveErrorLimit());
        n.put("minRequests", settings.minRequests());
        n.put("maxErrorRatio", settings.maxErrorRatio());
        n.put("window", settings.window().toString());
        n.put("errorRatio", settings.errorRatio().name());
        n.put("p99LimitMs", p99LimitMs);
        return n.toString();
    }

    /** The snapshot of a stored step, or null when the step is not analyzed (no metrics source at creation). */
    public static AnalysisSnapshot of(String prometheusUrl, String credentialsRef, String settingsJson) {
        if (prometheusUrl == null || settingsJson == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(settingsJson);
            AnalysisSettings s = new AnalysisSettings(QueryRuntime.valueOf(n.path("runtime").asText()),
                    Duration.parse(n.path("interval").asText()), n.path("count").asInt(),
                    Duration.parse(n.path("initialDelay").asText()), n.path("failureLimit").asInt(),
                    n.path("inconclusiveLimit").asInt(), n.path("consecutiveErrorLimit").asInt(),
                    n.path("minRequests").asLong(), n.path("maxErrorRatio").asDouble(),
                    Duration.parse(n.path("window").asText()),
                    // Steps snapshotted before the policy existed required the error ratio.
                    n.hasNonNull("errorRatio") ? ErrorRatioPolicy.valueOf(n.path("errorRatio").asText())
                            : ErrorRatioPolicy.REQUIRED);
            return new AnalysisSnapshot(new MetricsSource(prometheusUrl, credentialsRef), s,
                    n.path("p99LimitMs").asDouble());
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable analysis_settings column: " + settingsJson, e);
        }
    }
}
