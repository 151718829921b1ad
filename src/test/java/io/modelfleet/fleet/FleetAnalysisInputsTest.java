package io.modelfleet.fleet;

import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.modelfleet.analysis.domain.AnalysisInputs;
import io.modelfleet.analysis.domain.AnalysisSettings;
import io.modelfleet.analysis.domain.MetricsSource;
import io.modelfleet.analysis.domain.QueryRuntime;
import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine's view of a cluster's metrics source and a deployment's knobs, read back from what the API stored. */
@QuarkusTest
class FleetAnalysisInputsTest {

    @Inject
    AnalysisInputs inputs;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    private String t4;
    private String model;

    @BeforeEach
    void catalog() {
        t4 = unique("t4");
        model = unique("resnet");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
    }

    private String cluster(Map<String, Object> metrics) {
        String name = unique("c");
        Map<String, Object> body = new HashMap<>(Fixtures.cluster("us-east-1", t4));
        if (metrics != null) {
            body.put("metrics", metrics);
        }
        admin().body(body).put("/api/v1/clusters/" + name).then().statusCode(201);
        return name;
    }

    @Test
    void aClusterWithAMetricsSourceGivesItsUrlAndTokenReference() {
        String name = cluster(Map.of("prometheusUrl", "https://prom.example:9090",
                "credentialsRef", "env:MODELFLEET_CLUSTER_PROM"));
        assertEquals(Optional.of(new MetricsSource("https://prom.example:9090", "env:MODELFLEET_CLUSTER_PROM")),
                inputs.metricsSource(name));
        String tokenless = cluster(Map.of("prometheusUrl", "http://prometheus.monitoring.svc:9090"));
        assertEquals(Optional.of(new MetricsSource("http://prometheus.monitoring.svc:9090", null)),
                inputs.metricsSource(tokenless));
    }

    @Test
    void aClusterWithoutOneOrNoClusterAtAllGivesNone() {
        assertEquals(Optional.empty(), inputs.metricsSource(cluster(null)));
        assertEquals(Optional.empty(), inputs.metricsSource(unique("nowhere")));
    }

    @Test
    void aDeploymentsKnobsComeBackAsSettingsWithDefaultsFilledIn() {
        String cluster = cluster(null);
        String name = unique("d");
        Map<String, Object> analysis = new LinkedHashMap<>();
        analysis.put("runtime", "KSERVE");
        analysis.put("interval", "1m30s");
        analysis.put("minRequests", 10);
        analysis.put("maxErrorRatio", 0.2);
        Map<String, Object> body = new HashMap<>(Fixtures.deployment(model, cluster, 100));
        body.put("analysis", analysis);
        operator().body(body).put("/api/v1/deployments/" + name).then().statusCode(201);
        assertEquals(new AnalysisSettings(QueryRuntime.KSERVE, Duration.ofSeconds(90), 3, Duration.ZERO, 0, 1, 4, 10,
                0.2, Duration.ofSeconds(90)), inputs.settings(name));
    }

    @Test
    void aDeploymentThatSetsNoKnobOrDoesNotExistGetsTheDefaults() {
        String name = unique("d");
        operator().body(Fixtures.deployment(model, cluster(null), 100)).put("/api/v1/deployments/" + name).then()
                .statusCode(201);
        assertEquals(AnalysisSettings.DEFAULTS, inputs.settings(name));
        assertEquals(AnalysisSettings.DEFAULTS, inputs.settings(unique("nothing")));
    }

    @Test
    void aRowStoredBeforeTheKnobsExistedReadsAsTheDefaultsInTheApiToo() {
        String name = unique("d");
        operator().body(Fixtures.deployment(model, cluster(null), 100)).put("/api/v1/deployments/" + name).then()
                .statusCode(201);
        pool.preparedQuery("UPDATE model_deployment SET analysis = NULL WHERE name = $1").execute(Tuple.of(name))
                .await().atMost(Duration.ofSeconds(10));
        assertEquals(AnalysisSettings.DEFAULTS, inputs.settings(name));
        int revision = operator().get("/api/v1/deployments/" + name).then().statusCode(200)
                .body("analysis.interval", org.hamcrest.Matchers.equalTo("30s"))
                .body("analysis.window", org.hamcrest.Matchers.equalTo("1m")).extract().path("revision");
        // Putting the same body again finds nothing changed: a NULL row and the defaults are the same knobs.
        int after = operator().body(Fixtures.deployment(model, operatorCluster(name), 100))
                .put("/api/v1/deployments/" + name).then().statusCode(200).extract().path("revision");
        assertEquals(revision, after);
    }

    @Test
    void callingItOnAnEventLoopIsRefusedBeforeItBlocks() throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        vertx.runOnContext(ignored -> {
            try {
                inputs.settings("any");
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
        });
        Throwable e = thrown.get(10, TimeUnit.SECONDS);
        assertInstanceOf(IllegalStateException.class, e);
        assertEquals("AnalysisInputs blocks; call it from a worker thread, not the event loop", e.getMessage());
    }

    private String operatorCluster(String deployment) {
        return operator().get("/api/v1/deployments/" + deployment).then().extract().path("demand[0].cluster");
    }
}
