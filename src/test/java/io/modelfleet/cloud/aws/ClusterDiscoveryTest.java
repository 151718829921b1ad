package io.modelfleet.cloud.aws;

import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClusterDiscoveryTest {

    @Inject
    FakeEksCatalog eks;

    @Test
    void eksClustersAreRegisteredWithTheirNodeGroupsAsPools() {
        String t4 = unique("g4dn");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        String name = unique("ml");
        eks.clusters.add(new EksCatalog.EksCluster(name, "ca-central-1", "https://" + name + ".eks.example", "Q0E=",
                List.of(new EksCatalog.NodeGroup("gpu_od", List.of(t4), "ON_DEMAND", 10),
                        new EksCatalog.NodeGroup("gpu-spot", List.of(t4), "SPOT", 6),
                        new EksCatalog.NodeGroup("odd", List.of("x9.mega"), "ON_DEMAND", 3))));
        operator().body(Map.of("region", "ca-central-1")).post("/api/v1/clusters/discover").then().statusCode(200)
                .body("registered", org.hamcrest.Matchers.hasItem(name))
                .body("skipped[0].nodeGroup", equalTo("odd"))
                .body("skipped[0].reason", equalTo("no hardware profile for instance type x9.mega"));
        viewer().get("/api/v1/clusters/" + name).then().statusCode(200)
                .body("region", equalTo("ca-central-1"))
                .body("target.type", equalTo("KUBERNETES"))
                .body("target.apiServer", equalTo("https://" + name + ".eks.example"))
                .body("target.credentialsConfigured", equalTo(true))
                .body(not(containsString("eks:")))
                .body("nodePools.name", org.hamcrest.Matchers.contains("gpu-od", "gpu-spot"))
                .body("nodePools[1].capacityType", equalTo("SPOT"))
                .body("nodePools[1].maxNodes", equalTo(6));
        operator().body(Map.of("region", "ca-central-1")).post("/api/v1/clusters/discover").then().statusCode(200);
        viewer().get("/api/v1/clusters/" + name).then().body("revision", equalTo(0));
        // What a person attached later is not wiped by the next discovery.
        admin().header("If-Match", "\"0\"").body(Map.of("region", "ca-central-1", "accountId", "123456789012",
                "target", Map.of("type", "KUBERNETES", "apiServer", "https://" + name + ".eks.example",
                        "credentialsRef", "eks:ca-central-1/" + name),
                "nodePools", List.of(Map.of("name", "gpu-od", "hardware", t4, "capacityType", "ON_DEMAND",
                        "maxNodes", 10), Map.of("name", "gpu-spot", "hardware", t4, "capacityType", "SPOT",
                        "maxNodes", 6)),
                "metrics", Map.of("prometheusUrl", "https://prom.example:9090")))
                .put("/api/v1/clusters/" + name).then().statusCode(200).body("revision", equalTo(1));
        operator().body(Map.of("region", "ca-central-1")).post("/api/v1/clusters/discover").then().statusCode(200);
        viewer().get("/api/v1/clusters/" + name).then().body("revision", equalTo(1))
                .body("metrics.prometheusUrl", equalTo("https://prom.example:9090"))
                .body("accountId", equalTo("123456789012"));
        operator().body(Map.of("region", "nowhere")).post("/api/v1/clusters/discover").then().statusCode(400)
                .body("errors[0].field", equalTo("region"));
    }
}
