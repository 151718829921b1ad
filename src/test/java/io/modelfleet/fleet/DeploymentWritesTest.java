package io.modelfleet.fleet;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * PUT /deployments in plain SQL keeps the rules of the entity path: the same 400s before the 412, revision 0 on
 * create, +1 per change and none for an equal body, demand rows replaced in place by cluster, and racing replaces
 * applied one after the other.
 */
@QuarkusTest
class DeploymentWritesTest {

    private final String t4 = unique("dw-t4");
    private final String model = unique("dw-model");
    private final List<String> clusters = new ArrayList<>();

    private void fleet(int count) {
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
        operator().body(Fixtures.model()).put("/api/v1/models/" + model).then().statusCode(201);
        for (int i = 0; i < count; i++) {
            String name = unique("dw-c" + i);
            clusters.add(name);
            operator().body(Fixtures.cluster("us-east-1", t4)).put("/api/v1/clusters/" + name).then().statusCode(201);
        }
    }

    private Map<String, Object> body(List<Map<String, Object>> demand) {
        Map<String, Object> body = new HashMap<>(Fixtures.deployment(model, clusters.get(0), 100));
        body.put("demand", demand);
        return body;
    }

    @Test
    void demandRowsAreReplacedInPlaceAndEachChangeCountsOneRevision() {
        fleet(3);
        String path = "/api/v1/deployments/" + unique("dw");
        Map<String, Object> body = body(List.of(Map.of("cluster", clusters.get(0), "rps", 100),
                Map.of("cluster", clusters.get(1), "rps", 200)));
        body.put("demandSource", "MAX");
        body.put("analysis", Map.of("interval", "1m", "count", 5));
        JsonPath created = operator().body(body).put(path).then().statusCode(201).header("ETag", equalTo("\"0\""))
                .body("analysis.interval", equalTo("1m")).body("analysis.count", equalTo(5))
                .body("demandSource", equalTo("MAX")).extract().jsonPath();
        assertEquals(created.getMap(""), viewer().get(path).then().statusCode(200).extract().jsonPath().getMap(""));
        operator().body(body).put(path).then().statusCode(200).header("ETag", equalTo("\"0\""))
                .body("updatedAt", equalTo(created.getString("updatedAt")));

        body.put("demand", List.of(Map.of("cluster", clusters.get(2), "rps", 50),
                Map.of("cluster", clusters.get(1), "rps", 250)));
        JsonPath replaced = operator().header("If-Match", "\"0\"").body(body).put(path).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("demand.cluster", equalTo(List.of(clusters.get(2),
                        clusters.get(1)))).body("demand.rps", equalTo(List.of(50.0f, 250.0f)))
                .body("createdAt", equalTo(created.getString("createdAt"))).extract().jsonPath();
        assertEquals(replaced.getMap(""), viewer().get(path).then().statusCode(200).extract().jsonPath().getMap(""));

        body.put("demand", List.of(Map.of("cluster", clusters.get(0), "rps", 10)));
        body.put("model", unique("absent"));
        operator().header("If-Match", "\"7\"").body(body).put(path).then().statusCode(400)
                .body("errors[0].field", equalTo("model"));
        body.put("model", model);
        operator().header("If-Match", "\"7\"").body(body).put(path).then().statusCode(412);
        viewer().get(path).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("demand.cluster", equalTo(List.of(clusters.get(2), clusters.get(1))));
        operator().header("If-Match", "\"0\"").body(body).put("/api/v1/deployments/" + unique("dw-new")).then()
                .statusCode(412);
    }

    @Test
    void racingReplacesEachAnswerTheirOwnRevisionAndTheLastIsWhatIsStored() throws Exception {
        fleet(6);
        String path = "/api/v1/deployments/" + unique("dw-race");
        operator().body(body(List.of(Map.of("cluster", clusters.get(0), "rps", 1)))).put(path).then()
                .statusCode(201);
        ExecutorService pool = Executors.newFixedThreadPool(clusters.size());
        try {
            List<Future<JsonPath>> answers = new ArrayList<>();
            for (int i = 0; i < clusters.size(); i++) {
                List<Map<String, Object>> demand = new ArrayList<>();
                for (int j = 0; j <= i; j++) {
                    demand.add(Map.of("cluster", clusters.get(j), "rps", 10 + i));
                }
                Map<String, Object> b = body(demand);
                answers.add(pool.submit(() -> operator().body(b).put(path).then().statusCode(200).extract()
                        .jsonPath()));
            }
            Map<Integer, Map<String, Object>> byRevision = new TreeMap<>();
            for (Future<JsonPath> answer : answers) {
                JsonPath a = answer.get();
                byRevision.put(a.getInt("revision"), a.getMap(""));
            }
            assertEquals(Set.of(1, 2, 3, 4, 5, 6), byRevision.keySet(), "one revision per change");
            assertEquals(byRevision.get(6), viewer().get(path).then().statusCode(200).extract().jsonPath().getMap(""));
        } finally {
            pool.shutdownNow();
        }
    }
}
