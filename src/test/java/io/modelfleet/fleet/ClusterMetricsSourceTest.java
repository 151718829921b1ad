package io.modelfleet.fleet;

import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A cluster's "metrics": the Prometheus it is analyzed against, and who may point it where. */
@QuarkusTest
class ClusterMetricsSourceTest {

    private String t4;

    @BeforeEach
    void hardware() {
        t4 = unique("t4");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
    }

    private Map<String, Object> withMetrics(Map<String, Object> metrics) {
        Map<String, Object> body = new HashMap<>(Fixtures.cluster("us-east-1", t4));
        body.put("metrics", metrics);
        return body;
    }

    private static Map<String, Object> metrics(String url, String credentialsRef) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("prometheusUrl", url);
        if (credentialsRef != null) {
            metrics.put("credentialsRef", credentialsRef);
        }
        return metrics;
    }

    @Test
    void aMetricsSourceRoundTripsAndAClusterWithoutOneShowsNone() {
        String name = unique("prom");
        operator().body(withMetrics(metrics("https://prometheus.monitoring.example:9090/prom", null)))
                .put("/api/v1/clusters/" + name).then().statusCode(201)
                .body("metrics.prometheusUrl", equalTo("https://prometheus.monitoring.example:9090/prom"))
                .body("metrics.credentialsConfigured", equalTo(false));
        viewer().get("/api/v1/clusters/" + name).then().statusCode(200)
                .body("metrics.prometheusUrl", equalTo("https://prometheus.monitoring.example:9090/prom"))
                .body("metrics.credentialsConfigured", equalTo(false));

        String bare = unique("bare");
        operator().body(Fixtures.cluster("us-east-1", t4)).put("/api/v1/clusters/" + bare).then().statusCode(201)
                .body("$", not(hasKey("metrics")));
    }

    @Test
    void theTokenReferenceIsStoredButNeverEchoed() {
        String name = unique("prom");
        String response = admin().body(withMetrics(metrics("https://prom.example:9090",
                "secret:monitoring/modelfleet-cluster-prom-reader"))).put("/api/v1/clusters/" + name).then()
                .statusCode(201).body("metrics.credentialsConfigured", equalTo(true)).extract().asString();
        assertFalse(response.contains("prom-reader"), response);
        String read = viewer().get("/api/v1/clusters/" + name).then().statusCode(200)
                .body(not(containsString("prom-reader")))
                .body("metrics.prometheusUrl", equalTo("https://prom.example:9090"))
                .body("metrics.credentialsConfigured", equalTo(true)).extract().asString();
        assertEquals(io.restassured.path.json.JsonPath.from(response).getMap(""),
                io.restassured.path.json.JsonPath.from(read).getMap(""));
    }

    @Test
    void aLoopbackPrometheusNeedsAnAdmin() {
        Map<String, Object> body = withMetrics(metrics("http://127.0.0.1:9090", null));
        operator().body(body).put("/api/v1/clusters/" + unique("c")).then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("metrics.prometheusUrl names 127.0.0.1, which is a loopback address; only an"
                        + " admin may point a metrics source at loopback, link-local, metadata or unspecified"
                        + " addresses"));
        String name = unique("c");
        admin().body(body).put("/api/v1/clusters/" + name).then().statusCode(201)
                .body("metrics.prometheusUrl", equalTo("http://127.0.0.1:9090"));
    }

    @Test
    void metadataAndLocalhostNamesAreRefusedForOperatorsInEveryNotation() {
        operator().body(withMetrics(metrics("http://169.254.169.254/latest", null)))
                .put("/api/v1/clusters/" + unique("c")).then().statusCode(403)
                .body("detail", containsString("metrics.prometheusUrl names 169.254.169.254"));
        operator().body(withMetrics(metrics("http://2130706433:9090", null)))
                .put("/api/v1/clusters/" + unique("c")).then().statusCode(403)
                .body("detail", containsString("metrics.prometheusUrl names 2130706433"));
        operator().body(withMetrics(metrics("http://prom.localhost:9090", null)))
                .put("/api/v1/clusters/" + unique("c")).then().statusCode(403)
                .body("detail", containsString("metrics.prometheusUrl names host 'prom.localhost'"));
    }

    @Test
    void aTokenReferenceNeedsAnAdminBecauseTheTokenGoesToTheUrl() {
        Map<String, Object> body = withMetrics(metrics("https://prom.example:9090", "env:MODELFLEET_CLUSTER_PROM"));
        operator().body(body).put("/api/v1/clusters/" + unique("c")).then().statusCode(403)
                .body("detail", equalTo("metrics.credentialsRef makes the control plane send a token to the metrics"
                        + " source; only an admin may set one"));
        admin().body(body).put("/api/v1/clusters/" + unique("c")).then().statusCode(201)
                .body("metrics.credentialsConfigured", equalTo(true));
    }

    @Test
    void urlsThatAreNotAPlainHttpBaseAreRefusedNamingTheField() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("ftp://prom.example", "must be an absolute http:// or https:// URL with a host, such as"
                + " https://prometheus.monitoring.svc:9090");
        cases.put("/api/v1", "must be an absolute http:// or https:// URL with a host, such as"
                + " https://prometheus.monitoring.svc:9090");
        cases.put("https://reader:s3cret@prom.example", "must not carry user info (user:password@); name a"
                + " credentialsRef");
        cases.put("https://prom.example/?x=1", "must not have a query or fragment; it is the base URL before /api/v1");
        cases.put("https://prom.example/#top", "must not have a query or fragment; it is the base URL before /api/v1");
        cases.put("https://prom example", "is not a valid URL");
        cases.put("https://prom.example/" + "a".repeat(2048), "must be at most 2048 characters, was 2069");
        cases.put(" ", "is required");
        cases.forEach((url, message) -> admin().body(withMetrics(metrics(url, null)))
                .put("/api/v1/clusters/" + unique("c")).then().statusCode(400)
                .body("errors.field", contains("metrics.prometheusUrl"))
                .body("errors[0].message", equalTo(message)));
    }

    @Test
    void tokenReferencesTakeTheTargetsFormsButNotEks() {
        admin().body(withMetrics(metrics("https://prom.example", "Bearer abc123")))
                .put("/api/v1/clusters/" + unique("c")).then().statusCode(400)
                .body("errors.field", contains("metrics.credentialsRef"))
                .body("errors[0].message", equalTo("must reference credentials, never contain them:"
                        + " secret:<namespace>/modelfleet-cluster-<name>, file:/etc/modelfleet/cluster-credentials/<file>"
                        + " or env:MODELFLEET_CLUSTER_<NAME>"));
        admin().body(withMetrics(metrics("https://prom.example", "env:DATABASE_PASSWORD")))
                .put("/api/v1/clusters/" + unique("c")).then().statusCode(400)
                .body("errors.field", contains("metrics.credentialsRef"));
        admin().body(withMetrics(metrics("https://prom.example", "eks:us-east-1/prod")))
                .put("/api/v1/clusters/" + unique("c")).then().statusCode(400)
                .body("errors.field", contains("metrics.credentialsRef"))
                .body("errors[0].message", equalTo("eks: tokens authenticate to Kubernetes API servers, not to a"
                        + " metrics source; use secret:, file: or env:"));
        admin().body(withMetrics(metrics("https://prom.example", "file:/etc/modelfleet/cluster-credentials/prom")))
                .put("/api/v1/clusters/" + unique("c")).then().statusCode(201);
    }

    @Test
    void changingTheMetricsSourceBumpsTheRevisionAndTheSameBodyDoesNot() {
        String name = unique("c");
        int created = operator().body(Fixtures.cluster("us-east-1", t4)).put("/api/v1/clusters/" + name).then()
                .statusCode(201).extract().path("revision");
        int same = operator().body(Fixtures.cluster("us-east-1", t4)).put("/api/v1/clusters/" + name).then()
                .statusCode(200).extract().path("revision");
        assertEquals(created, same);
        int attached = operator().body(withMetrics(metrics("https://prom.example:9090", null)))
                .put("/api/v1/clusters/" + name).then().statusCode(200)
                .body("metrics.prometheusUrl", equalTo("https://prom.example:9090")).extract().path("revision");
        assertEquals(created + 1, attached);
        int moved = operator().body(withMetrics(metrics("https://prom-2.example:9090", null)))
                .put("/api/v1/clusters/" + name).then().statusCode(200).extract().path("revision");
        assertEquals(created + 2, moved);
        int detached = operator().body(Fixtures.cluster("us-east-1", t4)).put("/api/v1/clusters/" + name).then()
                .statusCode(200).body("$", not(hasKey("metrics"))).extract().path("revision");
        assertEquals(created + 3, detached);
    }
}
