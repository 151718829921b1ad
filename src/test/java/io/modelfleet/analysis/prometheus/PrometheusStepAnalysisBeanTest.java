package io.modelfleet.analysis.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.modelfleet.analysis.domain.AnalysisSettings;
import io.modelfleet.analysis.domain.AnalysisTarget;
import io.modelfleet.analysis.domain.Measurement;
import io.modelfleet.analysis.domain.MetricsSource;
import io.modelfleet.analysis.domain.QueryRuntime;
import io.modelfleet.analysis.domain.StepAnalysis;
import io.modelfleet.analysis.domain.Verdict;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's port resolves to the Prometheus implementation, wired with its configuration and token reader. */
@QuarkusTest
class PrometheusStepAnalysisBeanTest {

    @Inject
    StepAnalysis analysis;

    @Inject
    PrometheusConfig config;

    @Test
    void theStepAnalysisBeanMeasuresThroughPrometheusAndNeverThrows() throws IOException {
        assertInstanceOf(PrometheusStepAnalysis.class, analysis);
        assertEquals(java.time.Duration.ofSeconds(10), config.queryTimeout());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        List<Measurement> m = analysis.measure(new MetricsSource("http://127.0.0.1:" + closedPort, "env:UNSET_"
                + closedPort), AnalysisSettings.DEFAULTS, new AnalysisTarget("eu-1", "bert", "serving",
                        "bert-int8-g5", "v1", "h1", 2, true, QueryRuntime.TRITON, 20));
        assertEquals(List.of(Verdict.ERROR, Verdict.ERROR, Verdict.ERROR, Verdict.ERROR),
                m.stream().map(Measurement::verdict).toList());
        assertEquals("cluster eu-1: metrics.credentialsRef env:UNSET_" + closedPort + ": environment variable UNSET_"
                + closedPort + " is not set", m.get(0).detail());
    }
}
