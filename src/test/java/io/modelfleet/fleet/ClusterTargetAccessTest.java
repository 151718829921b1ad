package io.modelfleet.fleet;

import static io.modelfleet.testing.Api.admin;
import static io.modelfleet.testing.Api.operator;
import static io.modelfleet.testing.Api.unique;
import static org.hamcrest.Matchers.equalTo;

import io.modelfleet.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may point a cluster where (invariant 5): targets that reach beyond an operator's workloads need an admin. */
@QuarkusTest
class ClusterTargetAccessTest {

    private String t4;

    @BeforeEach
    void hardware() {
        t4 = unique("t4");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
    }

    private Map<String, Object> cluster(Map<String, Object> target) {
        Map<String, Object> body = new HashMap<>(Fixtures.cluster("us-east-1", t4));
        body.put("target", target);
        return body;
    }

    @Test
    void theInClusterContextNeedsAnAdmin() {
        Map<String, Object> body = cluster(Map.of("type", "KUBERNETES", "context", "in-cluster",
                "namespace", "serving"));
        operator().body(body).put("/api/v1/clusters/" + unique("home")).then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://modelfleet.io/problems/forbidden"))
                .body("detail", equalTo("target.context 'in-cluster' reaches the cluster the control plane runs in"
                        + " with the control plane's own service account; only an admin may set it"));
        admin().body(body).put("/api/v1/clusters/" + unique("home")).then().statusCode(201)
                .body("target.context", equalTo("in-cluster"));
    }

    @Test
    void kubeSystemNeedsAnAdminOnKubernetesAndGitOpsTargets() {
        Map<String, Object> kubernetes = cluster(Map.of("type", "KUBERNETES", "context", "prod-use1",
                "namespace", "kube-system"));
        operator().body(kubernetes).put("/api/v1/clusters/" + unique("c")).then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("target.namespace 'kube-system' is protected"
                        + " (modelfleet.rollout.protected-namespaces); only an admin may target it"));
        Map<String, Object> gitops = cluster(Map.of("type", "GITOPS", "namespace", "kube-node-lease"));
        operator().body(gitops).put("/api/v1/clusters/" + unique("c")).then().statusCode(403)
                .body("detail", equalTo("target.namespace 'kube-node-lease' is protected"
                        + " (modelfleet.rollout.protected-namespaces); only an admin may target it"));
        admin().body(kubernetes).put("/api/v1/clusters/" + unique("c")).then().statusCode(201)
                .body("target.namespace", equalTo("kube-system"));
    }

    @Test
    void anOperatorMayNameAKubeconfigContextAndAnOrdinaryNamespace() {
        operator().body(cluster(Map.of("type", "KUBERNETES", "context", "prod-use1", "namespace", "default")))
                .put("/api/v1/clusters/" + unique("c")).then().statusCode(201)
                .body("target.context", equalTo("prod-use1"))
                .body("target.namespace", equalTo("default"));
    }

    @Test
    void everyReasonIsGivenAtOnce() {
        operator().body(cluster(Map.of("type", "KUBERNETES", "apiServer", "https://api.example.internal:6443",
                "credentialsRef", "env:MODELFLEET_CLUSTER_PROD", "namespace", "kube-public")))
                .put("/api/v1/clusters/" + unique("c")).then().statusCode(403)
                .body("detail", equalTo("target.credentialsRef makes the control plane send a token to the"
                        + " target's API server; only an admin may set one (eks: references excepted);"
                        + " target.namespace 'kube-public' is protected (modelfleet.rollout.protected-namespaces);"
                        + " only an admin may target it"));
    }

    @Test
    void anApiServerWithoutCredentialsIsRefusedNamingTheReference() {
        admin().body(cluster(Map.of("type", "KUBERNETES", "apiServer", "https://api.example.internal:6443")))
                .put("/api/v1/clusters/" + unique("c")).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("target.credentialsRef"))
                .body("errors[0].message", equalTo("is required with an apiServer (the control plane never"
                        + " connects anonymously): secret:<namespace>/modelfleet-cluster-<name>,"
                        + " file:/etc/modelfleet/cluster-credentials/<file>, env:MODELFLEET_CLUSTER_<NAME> or"
                        + " eks:<region>/<cluster>"));
    }

    @Test
    void aTargetNamesAContextOrAnApiServerNeverBoth() {
        admin().body(cluster(Map.of("type", "KUBERNETES", "context", "prod-use1",
                "apiServer", "https://api.example.internal:6443", "credentialsRef", "env:MODELFLEET_CLUSTER_PROD")))
                .put("/api/v1/clusters/" + unique("c")).then().statusCode(400)
                .body("errors[0].field", equalTo("target"))
                .body("errors[0].message", equalTo("names both context 'prod-use1' and apiServer"
                        + " https://api.example.internal:6443; a target reaches exactly one cluster, so name one of"
                        + " them"));
        admin().body(cluster(Map.of("type", "KUBERNETES", "context", "prod-use1",
                "credentialsRef", "env:MODELFLEET_CLUSTER_PROD")))
                .put("/api/v1/clusters/" + unique("c")).then().statusCode(400)
                .body("errors[0].field", equalTo("target.credentialsRef"))
                .body("errors[0].message", equalTo("goes with an apiServer; context 'prod-use1' takes its server"
                        + " and credentials from the control plane's kubeconfig"));
    }
}
