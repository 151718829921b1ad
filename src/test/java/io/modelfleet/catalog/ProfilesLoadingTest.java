package io.modelfleet.catalog;

import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.catalog.dto.CatalogImport;
import io.modelfleet.catalog.importer.ProfilesLoader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProfilesLoadingTest {

    @Inject
    ProfilesLoader loader;

    @Test
    void loadingProfilesTwiceChangesNothing() throws Throwable {
        loader.load(Path.of("profiles"));
        Map<String, Integer> before = revisions();
        CatalogImport.Result second = loader.load(Path.of("profiles"));
        assertEquals(new CatalogImport.Counts(0, 0, 13), second.hardwareProfiles());
        assertEquals(0, second.models().created() + second.models().updated());
        assertEquals(0, second.variants().created() + second.variants().updated());
        assertTrue(second.variants().unchanged() >= 9, "every demo variant is reported unchanged");
        assertEquals(before, revisions());
    }

    @Test
    void profilesCarryTheReferencePricesAndPrecisionRules() throws Throwable {
        loader.load(Path.of("profiles"));
        viewer().get("/api/v1/hardware-profiles/g4dn.xlarge").then().statusCode(200)
                .body("accelerator", equalTo("NVIDIA_T4"))
                .body("precisions", not(hasItem("BF16")))
                .body("resourceName", equalTo("nvidia.com/gpu"))
                .body("offerings[0].hourlyPriceUsd", equalTo(0.526f));
        viewer().get("/api/v1/hardware-profiles/inf1.xlarge").then().statusCode(200)
                .body("resourceName", equalTo("aws.amazon.com/neuroncore"))
                .body("acceleratorCount", equalTo(4))
                .body("acceleratorMemoryGiB", equalTo(2.0f))
                .body("precisions", not(hasItem("INT8")));
        viewer().get("/api/v1/hardware-profiles/c7i.xlarge").then().statusCode(200)
                .body("precisions", contains("FP32", "BF16", "INT8"));
        viewer().get("/api/v1/hardware-profiles/f2.6xlarge").then().statusCode(200)
                .body("precisions", contains("INT8"));
        List<String> models = viewer().get("/api/v1/models?size=500").then().extract().jsonPath()
                .getList("items.name", String.class);
        assertTrue(models.containsAll(List.of("resnet50", "bert-base")), "demo models loaded: " + models);
    }

    private static Map<String, Integer> revisions() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        viewer().get("/api/v1/hardware-profiles?size=500").then().extract().jsonPath()
                .getList("items", Map.class).forEach(p -> out.put("hw/" + p.get("name"), (Integer) p.get("revision")));
        for (String model : List.of("resnet50", "bert-base")) {
            out.put("model/" + model, viewer().get("/api/v1/models/" + model).then().extract().path("revision"));
            viewer().get("/api/v1/models/" + model + "/variants?size=500").then().extract().jsonPath()
                    .getList("items", Map.class)
                    .forEach(v -> out.put("variant/" + v.get("id"), (Integer) v.get("revision")));
        }
        return out;
    }
}
