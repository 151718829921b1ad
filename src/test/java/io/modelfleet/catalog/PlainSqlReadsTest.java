package io.modelfleet.catalog;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The single-resource GETs read with plain SQL. Variant lists and benchmark appends still build their views from
 * entities, profile and variant creates from the normalized body: a user must not be able to tell, every field,
 * order and timestamp is the same. (Rows only Hibernate writes, the price refresh's, are read back in
 * PriceRefreshTest.)
 */
@QuarkusTest
class PlainSqlReadsTest {

    @Test
    void aProfileReadsBackExactlyAsItsWriteAnsweredWithOfferingsInTheMappersOrder() {
        String name = unique("plain-gpu");
        Map<String, Object> body = new HashMap<>(Fixtures.t4Profile());
        body.put("nodeLabels", Map.of("z.example.com/last", "z", "a.example.com/first", "a"));
        body.put("taints", List.of(Map.of("key", "nvidia.com/gpu", "value", "true", "effect", "NoSchedule"),
                Map.of("key", "dedicated", "value", "inference", "effect", "NoExecute")));
        body.put("offerings", List.of(
                Map.of("region", "us-west-2", "capacityType", "SPOT", "hourlyPriceUsd", 0.21),
                Map.of("region", "us-east-1", "capacityType", "SPOT", "hourlyPriceUsd", 0.19),
                Map.of("region", "us-east-1", "capacityType", "ON_DEMAND", "hourlyPriceUsd", 0.526)));
        Map<String, Object> written = operator().body(body).put("/api/v1/hardware-profiles/" + name).then()
                .statusCode(201).extract().jsonPath().getMap("");
        Map<String, Object> read = viewer().get("/api/v1/hardware-profiles/" + name).then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("offerings.region", equalTo(List.of("us-east-1", "us-east-1", "us-west-2")))
                .body("offerings.capacityType", equalTo(List.of("ON_DEMAND", "SPOT", "SPOT")))
                .extract().jsonPath().getMap("");
        assertEquals(written, read);

        body.put("vcpus", 8);
        Map<String, Object> replaced = operator().header("If-Match", "\"0\"").body(body)
                .put("/api/v1/hardware-profiles/" + name).then().statusCode(200).extract().jsonPath().getMap("");
        assertEquals(replaced, viewer().get("/api/v1/hardware-profiles/" + name).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).extract().jsonPath().getMap(""));
    }

    @Test
    void aVariantReadsBackExactlyAsItsWriteAndItsListEntryWithBenchmarksInStoredOrder() {
        String gpu = unique("plain-t4");
        String cpu = unique("plain-cpu");
        String model = unique("plain-model");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + gpu).then().statusCode(201);
        operator().body(Fixtures.cpuProfile(0.17)).put("/api/v1/hardware-profiles/" + cpu).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        Map<String, Object> body = new HashMap<>(Fixtures.variant("INT8", gpu));
        Map<String, Object> second = new HashMap<>(Fixtures.benchmark(cpu));
        second.put("acceleratorsPerReplica", 0);
        second.put("batchSize", 1);
        Map<String, Object> third = new HashMap<>(Fixtures.benchmark(gpu));
        third.put("batchSize", 1);
        body.put("benchmarks", List.of(Fixtures.benchmark(gpu), second, third));
        String variants = "/api/v1/models/" + model + "/variants";
        Map<String, Object> created = operator().body(body).post(variants).then().statusCode(201).extract()
                .jsonPath().getMap("");
        String id = (String) created.get("id");
        Map<String, Object> read = viewer().get(variants + "/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("benchmarks.hardware", equalTo(List.of(gpu, cpu, gpu)))
                .body("benchmarks.batchSize", equalTo(List.of(8, 1, 1)))
                .extract().jsonPath().getMap("");
        assertEquals(created, read);
        assertEquals(viewer().get(variants).then().statusCode(200).extract().jsonPath().getMap("items[0]"), read);

        Map<String, Object> added = new HashMap<>(Fixtures.benchmark(cpu));
        added.put("acceleratorsPerReplica", 0);
        Map<String, Object> afterAdd = operator().header("If-Match", "\"0\"")
                .body(Map.of("benchmarks", List.of(added))).post(variants + "/" + id + "/benchmarks").then()
                .statusCode(200).extract().jsonPath().getMap("");
        assertEquals(afterAdd, viewer().get(variants + "/" + id).then().statusCode(200)
                .body("benchmarks.batchSize", equalTo(List.of(8, 1, 1, 8))).extract().jsonPath().getMap(""));
    }

    @Test
    void aVariantIdUnderAnotherModelAndAnUnknownProfileAre404Problems() {
        String gpu = unique("plain-t4");
        String model = unique("plain-model");
        String other = unique("plain-other");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + gpu).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + other).then().statusCode(201);
        String id = operator().body(Fixtures.variant("INT8", gpu)).post("/api/v1/models/" + model + "/variants")
                .then().statusCode(201).extract().path("id");
        viewer().get("/api/v1/models/" + other + "/variants/" + id).then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("no variant " + id + " of model '" + other + "'"));
        viewer().get("/api/v1/hardware-profiles/" + unique("absent")).then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no hardware profile named"));
    }

    @Test
    void aReplaceThatPutsANewRowBeforeAKeptOneAnswersTheOrderAGetReads() {
        String gpu = unique("plain-t4");
        String model = unique("plain-model");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + gpu).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        String variants = "/api/v1/models/" + model + "/variants";
        Map<String, Object> body = new HashMap<>(Fixtures.variant("INT8", gpu));
        String id = operator().body(body).post(variants).then().statusCode(201).extract().path("id");
        Map<String, Object> first = new HashMap<>(Fixtures.benchmark(gpu));
        first.put("batchSize", 1);
        body.put("benchmarks", List.of(first, Fixtures.benchmark(gpu)));
        Map<String, Object> replaced = operator().header("If-Match", "\"0\"").body(body).put(variants + "/" + id)
                .then().statusCode(200).body("benchmarks.batchSize", equalTo(List.of(1, 8))).extract().jsonPath()
                .getMap("");
        assertEquals(replaced, viewer().get(variants + "/" + id).then().statusCode(200).extract().jsonPath()
                .getMap(""));
    }
}
