package io.modelfleet.fleet;

import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasSize;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClusterResourceTest {

    private String t4;

    @BeforeEach
    void hardware() {
        t4 = unique("t4");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
    }

    @Test
    void clusterWithNodePoolsRoundTrips() {
        String name = unique("prod-use1");
        operator().body(Fixtures.cluster("us-east-1", t4)).put("/api/v1/clusters/" + name).then().statusCode(201);
        viewer().get("/api/v1/clusters/" + name).then().statusCode(200)
                .body("region", equalTo("us-east-1"))
                .body("target.type", equalTo("GITOPS"))
                .body("nodePools", hasSize(1))
                .body("nodePools[0].hardware", equalTo(t4))
                .body("nodePools[0].capacityType", equalTo("ON_DEMAND"))
                .body("nodePools[0].maxNodes", equalTo(10));
    }

    @Test
    void credentialsAreReferencedAndNeverEchoed() {
        String name = unique("kube");
        Map<String, Object> body = new HashMap<>(Fixtures.cluster("us-west-2", t4));
        body.put("target", Map.of("type", "KUBERNETES", "apiServer", "https://api.example.internal:6443",
                "credentialsRef", "secret:modelfleet/modelfleet-cluster-prod"));
        String response = admin().body(body).put("/api/v1/clusters/" + name).then().statusCode(201)
                .body("target.credentialsConfigured", equalTo(true)).extract().asString();
        viewer().get("/api/v1/clusters/" + name).then().statusCode(200)
                .body(not(containsString("modelfleet-cluster-prod")))
                .body("target.credentialsConfigured", equalTo(true));
        org.junit.jupiter.api.Assertions.assertFalse(response.contains("modelfleet-cluster-prod"));
    }

    @Test
    void onlyAnAdminMaySetCredentialsAndTheyCannotPointAtTheControlPlanesOwnSecrets() {
        Map<String, Object> body = new HashMap<>(Fixtures.cluster("us-west-2", t4));
        body.put("target", Map.of("type", "KUBERNETES", "apiServer", "https://api.example.internal:6443",
                "credentialsRef", "env:MODELFLEET_CLUSTER_PROD"));
        operator().body(body).put("/api/v1/clusters/" + unique("kube")).then().statusCode(403)
                .contentType("application/problem+json");
        for (String ref : List.of("env:MODELFLEET_ADMIN_TOKEN", "secret:modelfleet/modelfleet-admin",
                "file:/var/run/secrets/kubernetes.io/serviceaccount/token",
                "file:/etc/modelfleet/cluster-credentials/../../passwd")) {
            body.put("target", Map.of("type", "KUBERNETES", "apiServer", "https://attacker.example",
                    "credentialsRef", ref));
            admin().body(body).put("/api/v1/clusters/" + unique("kube")).then().statusCode(400)
                    .body("errors[0].field", equalTo("target.credentialsRef"));
        }
        body.put("target", Map.of("type", "KUBERNETES", "apiServer", "https://api.example.internal:6443",
                "credentialsRef", "eks:us-west-2/prod"));
        operator().body(body).put("/api/v1/clusters/" + unique("kube")).then().statusCode(201);
    }

    @Test
    void inlineCredentialsAreRefused() {
        Map<String, Object> body = new HashMap<>(Fixtures.cluster("us-west-2", t4));
        body.put("target", Map.of("type", "KUBERNETES", "context", "prod", "credentialsRef", "eyJhbGciOiJSUzI1NiJ9"));
        operator().body(body).put("/api/v1/clusters/" + unique("kube")).then().statusCode(400)
                .body("errors[0].field", equalTo("target.credentialsRef"));
    }

    @Test
    void kubernetesTargetNeedsAContextOrServer() {
        Map<String, Object> body = new HashMap<>(Fixtures.cluster("us-west-2", t4));
        body.put("target", Map.of("type", "KUBERNETES"));
        operator().body(body).put("/api/v1/clusters/" + unique("kube")).then().statusCode(400)
                .body("errors[0].field", equalTo("target"));
    }

    @Test
    void unknownHardwareAndBadPoolsAreNamed() {
        Map<String, Object> body = new HashMap<>(Fixtures.cluster("us-east-1", "nope"));
        operator().body(body).put("/api/v1/clusters/" + unique("c")).then().statusCode(400)
                .body("errors[0].field", equalTo("nodePools[0].hardware"))
                .body("errors[0].message", equalTo("no hardware profile named 'nope'"));
        body.put("nodePools", List.of(Map.of("name", "a", "hardware", t4, "capacityType", "RESERVED", "maxNodes", 1)));
        operator().body(body).put("/api/v1/clusters/" + unique("c")).then().statusCode(400)
                .body("errors[0].field", equalTo("nodePools[0].capacityType"));
        body.put("nodePools", List.of(Map.of("name", "a", "hardware", t4, "capacityType", "SPOT", "maxNodes", 0)));
        operator().body(body).put("/api/v1/clusters/" + unique("c")).then().statusCode(400)
                .body("errors[0].field", equalTo("nodePools[0].maxNodes"));
        body.put("region", "moon");
        operator().body(body).put("/api/v1/clusters/" + unique("c")).then().statusCode(400)
                .body("errors[0].field", equalTo("region"));
    }

    @Test
    void hardwareUsedByANodePoolCannotBeDeleted() {
        String name = unique("c");
        operator().body(Fixtures.cluster("us-east-1", t4)).put("/api/v1/clusters/" + name).then().statusCode(201);
        operator().delete("/api/v1/hardware-profiles/" + t4).then().statusCode(409)
                .body("detail", equalTo("hardware profile '" + t4 + "' is still referenced by node pool " + name
                        + "/pool-a"));
    }

    @Test
    void replacingNodePoolsKeepsUnchangedOnesAndDropsRemovedOnes() {
        String name = unique("c");
        Map<String, Object> body = new HashMap<>(Fixtures.cluster("us-east-1", t4));
        body.put("nodePools", List.of(
                Map.of("name", "a", "hardware", t4, "capacityType", "ON_DEMAND", "maxNodes", 3),
                Map.of("name", "b", "hardware", t4, "capacityType", "SPOT", "maxNodes", 5)));
        operator().body(body).put("/api/v1/clusters/" + name).then().statusCode(201);
        body.put("nodePools", List.of(
                Map.of("name", "b", "hardware", t4, "capacityType", "SPOT", "maxNodes", 6),
                Map.of("name", "c", "hardware", t4, "capacityType", "ON_DEMAND", "maxNodes", 1)));
        operator().body(body).put("/api/v1/clusters/" + name).then().statusCode(200)
                .body("nodePools.name", org.hamcrest.Matchers.contains("b", "c"))
                .body("nodePools[0].maxNodes", equalTo(6))
                .body("revision", equalTo(1));
    }
}
