package io.modelfleet.cloud.aws;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static org.hamcrest.Matchers.equalTo;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ArtifactVerificationTest {

    @Inject
    FakeArtifactStore s3;

    private String variant(String uri) {
        String hw = unique("t4");
        String model = unique("m");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + hw).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        Map<String, Object> body = new HashMap<>(Fixtures.variant("INT8", hw));
        body.put("artifactUri", uri);
        String id = operator().body(body).post("/api/v1/models/" + model + "/variants").then().statusCode(201)
                .extract().path("id");
        return "/api/v1/models/" + model + "/variants/" + id + "/verify";
    }

    @Test
    void matchingArtifactIsVerifiedAndMismatchesAreClear422s() {
        String uri = "s3://bucket/" + unique("k") + ".onnx";
        String verify = variant(uri);
        operator().post(verify).then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo(uri + " does not exist"));
        s3.objects.put(uri, new ArtifactStore.Facts(true, 24_000_000, Optional.of("a".repeat(64))));
        operator().post(verify).then().statusCode(422)
                .body("detail", equalTo(uri + " is 24000000 bytes; the variant declares 25000000"));
        s3.objects.put(uri, new ArtifactStore.Facts(true, 25_000_000, Optional.of("b".repeat(64))));
        operator().post(verify).then().statusCode(422)
                .body("detail", equalTo(uri + " has SHA-256 " + "b".repeat(64) + "; the variant declares "
                        + "a".repeat(64)));
        s3.objects.put(uri, new ArtifactStore.Facts(true, 25_000_000, Optional.empty()));
        operator().post(verify).then().statusCode(422)
                .body("title", equalTo("Artifact does not match"));
        s3.objects.put(uri, new ArtifactStore.Facts(true, 25_000_000, Optional.of("a".repeat(64))));
        operator().post(verify).then().statusCode(200).body("sha256", equalTo("a".repeat(64)))
                .body("sizeBytes", equalTo(25_000_000));
    }

    @Test
    void onlyS3ArtifactsCanBeVerified() {
        operator().post(variant("https://example.com/model.onnx")).then().statusCode(400)
                .body("detail", equalTo("only s3:// artifacts can be verified; this one is https://example.com/model.onnx"));
    }
}
