package io.modelfleet.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HardwareProfileResourceTest {

    @Test
    void smoke() {
        given().auth().oauth2("test-admin-token").contentType("application/json")
                .body("{\"accelerator\":\"CPU\",\"vcpus\":4,\"memoryGiB\":8,\"precisions\":[\"FP32\",\"INT8\"],"
                        + "\"offerings\":[{\"region\":\"us-east-1\",\"capacityType\":\"ON_DEMAND\",\"hourlyPriceUsd\":0.17}]}")
                .put("/api/v1/hardware-profiles/smoke.xlarge")
                .then().log().ifValidationFails().statusCode(201);
        given().auth().oauth2("test-admin-token").get("/api/v1/hardware-profiles/smoke.xlarge")
                .then().log().all().statusCode(200).body("offerings[0].hourlyPriceUsd", equalTo(0.17f));
    }
}
