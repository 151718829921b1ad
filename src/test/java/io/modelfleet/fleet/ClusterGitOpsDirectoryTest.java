package io.modelfleet.fleet;

import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static io.modelfleet.testing.Api.viewer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each GITOPS cluster has a folder of its own: sharing one, or nesting one in another, is a 409 at PUT. */
@QuarkusTest
class ClusterGitOpsDirectoryTest {

    private String t4;
    private String team;

    @BeforeEach
    void hardwareAndAFolderOfOurOwn() {
        t4 = unique("t4");
        team = unique("team");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
    }

    @Test
    void aSecondClusterOnTheSameDirectoryIsAConflictNamingTheFirst() {
        put("prod-use1-" + team, team + "/prod").then().statusCode(201);
        String second = "prod-euw1-" + team;
        put(second, "./" + team + "/prod/").then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", equalTo("GitOps directory '" + team + "/prod' of cluster '" + second + "' is the"
                        + " directory '" + team + "/prod' of cluster 'prod-use1-" + team + "'; each GITOPS cluster"
                        + " needs a folder of its own"));
        viewer().get("/api/v1/clusters/" + second).then().statusCode(404);
    }

    @Test
    void aDirectoryInsideOrAroundAnotherClustersIsAConflict() {
        String first = "prod-use1-" + team;
        put(first, team + "/prod").then().statusCode(201);
        put("inner-" + team, team + "/prod/inner").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("GitOps directory '" + team + "/prod/inner' of cluster 'inner-" + team
                        + "' lies inside the directory '" + team + "/prod' of cluster '" + first + "'; each GITOPS"
                        + " cluster needs a folder of its own"));
        // No directory: the cluster's name is its folder, and this name is the folder around the first one.
        put(team, null).then().statusCode(409)
                .body("detail", equalTo("GitOps directory '" + team + "' of cluster '" + team + "' contains the"
                        + " directory '" + team + "/prod' of cluster '" + first + "'; each GITOPS cluster needs a"
                        + " folder of its own"));
    }

    @Test
    void siblingFoldersAReplaceOfTheSameClusterAndKubernetesTargetsAreFine() {
        String first = "prod-use1-" + team;
        put(first, team + "/prod").then().statusCode(201);
        put("prod-euw1-" + team, team + "/prod-euw1").then().statusCode(201);
        put(first, team + "/prod").then().statusCode(200);
        Map<String, Object> kube = new HashMap<>(Fixtures.cluster("us-east-1", t4));
        kube.put("target", Map.of("type", "KUBERNETES", "context", team + "/prod"));
        operator().body(kube).put("/api/v1/clusters/" + unique("kube")).then().statusCode(201);
    }

    @Test
    void theRootFolderContainsEveryOtherAndAClusterThatLeavesGitOpsFreesItsFolder() {
        String first = "prod-use1-" + team;
        put(first, team + "/prod").then().statusCode(201);
        String root = "root-" + team;
        put(root, ".").then().statusCode(409).body("detail", startsWith("GitOps directory '.' of cluster '" + root
                + "' contains the directory '"));
        Map<String, Object> kube = new HashMap<>(Fixtures.cluster("us-east-1", t4));
        kube.put("target", Map.of("type", "KUBERNETES", "context", "prod"));
        operator().header("If-Match", "\"0\"").body(kube).put("/api/v1/clusters/" + first).then().statusCode(200);
        put("again-" + team, "./" + team + "//prod/.").then().statusCode(201);
    }

    private io.restassured.response.Response put(String name, String directory) {
        Map<String, Object> body = new HashMap<>(Fixtures.cluster("us-east-1", t4));
        body.put("target", directory == null ? Map.of("type", "GITOPS") : Map.of("type", "GITOPS", "directory",
                directory));
        return operator().body(body).put("/api/v1/clusters/" + name);
    }
}
