package io.modelfleet.catalog;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HardwareProfileResourceTest {

    private static final String BASE = "/api/v1/hardware-profiles/";

    @Test
    void createReturns201WithEtagAndReadsBackTheSameProfile() {
        String name = unique("g4dn");
        operator().body(Fixtures.t4Profile()).put(BASE + name)
                .then().statusCode(201).header("ETag", "\"0\"").header("Location", containsString(BASE + name))
                .body("name", equalTo(name)).body("revision", equalTo(0));
        viewer().get(BASE + name).then().statusCode(200).header("ETag", "\"0\"")
                .body("accelerator", equalTo("NVIDIA_T4"))
                .body("acceleratorCount", equalTo(1))
                .body("resourceName", equalTo("nvidia.com/gpu"))
                .body("precisions", contains("FP32", "FP16", "INT8"))
                .body("taints[0].effect", equalTo("NoSchedule"))
                .body("offerings[0].region", equalTo("us-east-1"))
                .body("offerings[0].hourlyPriceUsd", equalTo(0.526f))
                .body("offerings[0].priceSource", equalTo("STATIC"));
    }

    @Test
    void replacingWithTheSameContentKeepsTheRevision() {
        String name = unique("same");
        operator().body(Fixtures.cpuProfile(0.17)).put(BASE + name).then().statusCode(201);
        operator().body(Fixtures.cpuProfile(0.17)).put(BASE + name).then().statusCode(200).body("revision", equalTo(0));
        operator().body(Fixtures.cpuProfile(0.18)).put(BASE + name).then().statusCode(200).body("revision", equalTo(1))
                .body("offerings[0].hourlyPriceUsd", equalTo(0.18f));
    }

    @Test
    void cpuProfileGetsNoAcceleratorAndDefaultInstanceTypeLabel() {
        String name = unique("c6i");
        operator().body(Fixtures.cpuProfile(0.17)).put(BASE + name).then().statusCode(201)
                .body("acceleratorCount", equalTo(0)).body("resourceName", nullValue())
                .body("nodeLabels.'node.kubernetes.io/instance-type'", equalTo(name));
    }

    @Test
    void staleIfMatchIs412AndWritesNothing() {
        String name = unique("stale");
        operator().body(Fixtures.cpuProfile(0.17)).put(BASE + name).then().statusCode(201);
        operator().body(Fixtures.cpuProfile(0.20)).header("If-Match", "\"0\"").put(BASE + name)
                .then().statusCode(200).header("ETag", "\"1\"");
        operator().body(Fixtures.cpuProfile(0.30)).header("If-Match", "\"0\"").put(BASE + name)
                .then().statusCode(412).contentType("application/problem+json")
                .body("detail", containsString("revision 1, not 0"));
        viewer().get(BASE + name).then().body("offerings[0].hourlyPriceUsd", equalTo(0.20f));
        operator().header("If-Match", "\"0\"").delete(BASE + name).then().statusCode(412);
        operator().header("If-Match", "\"1\"").delete(BASE + name).then().statusCode(204);
        viewer().get(BASE + name).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void ifMatchOnAMissingProfileIs412() {
        operator().body(Fixtures.cpuProfile(0.17)).header("If-Match", "\"0\"").put(BASE + unique("absent"))
                .then().statusCode(412);
    }

    @Test
    void unknownAcceleratorNamesTheFieldAndTheAllowedValues() {
        Map<String, Object> body = new HashMap<>(Fixtures.t4Profile());
        body.put("accelerator", "NVIDIA_H100");
        operator().body(body).put(BASE + unique("bad")).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("accelerator"))
                .body("errors[0].message", equalTo("unknown value 'NVIDIA_H100'; expected one of NVIDIA_T4,"
                        + " AWS_INFERENTIA, AWS_INFERENTIA2, NVIDIA_A10G, NVIDIA_L4, CPU, FPGA"));
    }

    @Test
    void unknownPrecisionNamesItsIndex() {
        Map<String, Object> body = new HashMap<>(Fixtures.t4Profile());
        body.put("precisions", List.of("FP32", "FP8"));
        operator().body(body).put(BASE + unique("bad")).then().statusCode(400)
                .body("errors[0].field", equalTo("precisions[1]"))
                .body("errors[0].message", containsString("unknown value 'FP8'"));
    }

    @Test
    void everyBadFieldIsReportedInOneResponse() {
        Map<String, Object> body = new HashMap<>(Fixtures.t4Profile());
        body.put("vcpus", -4);
        body.put("memoryGiB", 0);
        body.put("acceleratorCount", 0);
        body.put("offerings", List.of(Map.of("region", "mars", "capacityType", "SPOT", "hourlyPriceUsd", -1)));
        operator().body(body).put(BASE + unique("bad")).then().statusCode(400)
                .body("title", equalTo("Invalid request"))
                .body("errors.field", contains("acceleratorCount", "vcpus", "memoryGiB", "offerings[0].region",
                        "offerings[0].hourlyPriceUsd"))
                .body("errors.message", hasItem("must be greater than 0, was -4"));
    }

    @Test
    void cpuProfileWithAcceleratorResourceIsRejected() {
        Map<String, Object> body = new HashMap<>(Fixtures.cpuProfile(0.17));
        body.put("resourceName", "nvidia.com/gpu");
        operator().body(body).put(BASE + unique("bad")).then().statusCode(400)
                .body("errors[0].field", equalTo("resourceName"));
    }

    @Test
    void nameInBodyMustMatchTheUrl() {
        Map<String, Object> body = new HashMap<>(Fixtures.cpuProfile(0.17));
        body.put("name", "other");
        operator().body(body).put(BASE + unique("x")).then().statusCode(400).body("errors[0].field", equalTo("name"));
    }

    @Test
    void invalidNameIsRejected() {
        operator().body(Fixtures.cpuProfile(0.17)).put(BASE + "Not_Valid").then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void listIsPaginatedAndOrderedByName() {
        String prefix = unique("page");
        for (String suffix : List.of("c", "a", "b")) {
            operator().body(Fixtures.cpuProfile(0.1)).put(BASE + prefix + "-" + suffix).then().statusCode(201);
        }
        List<String> names = viewer().queryParam("size", 500).get(BASE).then().statusCode(200)
                .extract().jsonPath().getList("items.name", String.class);
        List<String> mine = names.stream().filter(n -> n.startsWith(prefix)).toList();
        org.junit.jupiter.api.Assertions.assertEquals(List.of(prefix + "-a", prefix + "-b", prefix + "-c"), mine);
        viewer().queryParam("page", 0).queryParam("size", 2).get(BASE).then().statusCode(200)
                .body("items", hasSize(2)).body("size", equalTo(2)).body("page", equalTo(0));
        viewer().queryParam("size", 0).get(BASE).then().statusCode(400).body("errors[0].field", equalTo("size"));
        viewer().queryParam("page", -1).get(BASE).then().statusCode(400).body("errors[0].field", equalTo("page"));
        viewer().queryParam("size", "abc").get(BASE).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("size"))
                .body("errors[0].message", equalTo("must be a whole number, was 'abc'"));
    }
}
