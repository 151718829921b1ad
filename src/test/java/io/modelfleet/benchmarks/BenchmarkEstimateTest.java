package io.modelfleet.benchmarks;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Design 007, B4 (estimates are marked, carry their derivation and never replace a measurement), over HTTP. The
 * expected figures are the roofline's by hand: INT8 130 TOPS x 0.35 = 45.5 TOPS; 8.18e9 operations take 0.17978 ms
 * a batch of one (reading 25 MB at 320 GB/s x 0.6 takes 0.1302 ms, less: compute-bound); p99 = 1.5 x 0.17978 =
 * 0.2697 ms; throughput 1 / 0.17978 ms = 5562 per second. Batch 8: 1.4382 ms, p99 2.157 ms, 5562 per second.
 */
@QuarkusTest
class BenchmarkEstimateTest {

    private String t4;
    private String model;
    private int versions;

    @BeforeEach
    void catalog() {
        t4 = unique("t4");
        model = unique("resnet");
        Map<String, Object> profile = new HashMap<>(Fixtures.t4Profile());
        profile.put("peakTeraOps", Map.of("FP32", 8.1, "FP16", 65, "INT8", 130));
        profile.put("memoryBandwidthGBps", 320);
        operator().body(profile).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
    }

    private String variant(Double flops, List<Map<String, Object>> benchmarks) {
        Map<String, Object> body = new HashMap<>(Fixtures.variant("INT8", t4));
        body.put("version", "1.0." + (++versions));
        body.put("benchmarks", benchmarks);
        if (flops != null) {
            body.put("flopsPerInference", flops);
        }
        return operator().body(body).post("/api/v1/models/" + model + "/variants").then().statusCode(201)
                .extract().path("id");
    }

    private String estimates(String id) {
        return "/api/v1/models/" + model + "/variants/" + id + "/benchmarks/estimate";
    }

    @Test
    void estimatesAreMarkedWithTheirDerivationAndTheSameRequestTwiceChangesNothing() {
        String id = variant(8.18e9, List.of());
        Map<String, Object> request = Map.of("hardware", List.of(t4), "batchSizes", List.of(1, 8));
        operator().body(request).post(estimates(id)).then().statusCode(201)
                .body("created", equalTo(2)).body("skipped", hasSize(0))
                .body("rows.batchSize", contains(1, 8))
                .body("rows.p99LatencyMs", contains(0.2697f, 2.157f))
                .body("rows.throughputRps", contains(5562.0f, 5562.0f))
                .body("rows.source", contains("ESTIMATED", "ESTIMATED"))
                .body("rows[0].provenance.tool", equalTo("roofline"))
                .body("rows[0].provenance.derivation.bound", equalTo("COMPUTE"))
                .body("rows[0].provenance.text", containsString("compute-bound"));
        operator().body(request).post(estimates(id)).then().statusCode(200).body("unchanged", equalTo(true))
                .body("rows", hasSize(2));
        viewer().get("/api/v1/models/" + model + "/variants/" + id).then().body("benchmarks", hasSize(2))
                .body("flopsPerInference", equalTo(8.18e9f));
    }

    @Test
    void anEstimateNeverReplacesAMeasuredRow() {
        String id = variant(8.18e9, List.of(Fixtures.benchmark(t4)));
        operator().body(Map.of("hardware", List.of(t4), "batchSizes", List.of(1, 8))).post(estimates(id)).then()
                .statusCode(201).body("created", equalTo(1)).body("rows.batchSize", contains(1))
                .body("skipped", hasSize(1)).body("skipped[0].batchSize", equalTo(8))
                .body("skipped[0].reason", containsString("MEASURED"));
        viewer().get("/api/v1/models/" + model + "/variants/" + id).then()
                .body("benchmarks.source", contains("MEASURED", "ESTIMATED"))
                .body("benchmarks[0].p99LatencyMs", equalTo(7.1f));
    }

    @Test
    void whatCannotBeEstimatedIsSaid() {
        String noFlops = variant(null, List.of());
        operator().body(Map.of()).post(estimates(noFlops)).then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("flopsPerInference"));

        String cpu = unique("cpu");
        operator().body(Fixtures.cpuProfile(0.17)).put("/api/v1/hardware-profiles/" + cpu).then().statusCode(201);
        String id = variant(8.18e9, List.of());
        operator().body(Map.of("hardware", List.of(cpu))).post(estimates(id)).then().statusCode(422)
                .body("detail", containsString(cpu + " has no peakTeraOps for INT8"));
        operator().body(Map.of("hardware", List.of(unique("nope")))).post(estimates(id)).then().statusCode(400)
                .body("detail", containsString("no hardware profile named"));
        operator().body(Map.of("batchSizes", List.of(0))).post(estimates(id)).then().statusCode(400)
                .body("errors[0].field", equalTo("batchSizes[0]"));
        viewer().get("/api/v1/models/" + model + "/variants/" + id).then().body("benchmarks", hasSize(0));
    }
}
