package io.modelfleet.api.security;

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

/** An operator cannot point a cluster's apiServer at the control plane's own host or its metadata service. */
@QuarkusTest
class ClusterApiServerAddressTest {

    private static final String ONLY_ADMIN = "; only an admin may point a cluster at loopback, link-local, metadata"
            + " or unspecified addresses";

    private String t4;

    @BeforeEach
    void hardware() {
        t4 = unique("t4");
        operator().body(Fixtures.t4Profile()).put("/api/v1/hardware-profiles/" + t4).then().statusCode(201);
    }

    private Map<String, Object> cluster(String apiServer) {
        Map<String, Object> body = new HashMap<>(Fixtures.cluster("us-east-1", t4));
        body.put("target", Map.of("type", "KUBERNETES", "apiServer", apiServer, "credentialsRef",
                "eks:us-east-1/prod"));
        return body;
    }

    @Test
    void anOperatorGets403NamingTheFieldForEveryNotationOfAForbiddenAddress() {
        Map<String, String> expected = Map.of(
                "https://169.254.169.254", "names 169.254.169.254, which is the cloud metadata address",
                "https://2130706433:6443", "names 2130706433, which is a loopback address (127.0.0.1)",
                "https://0177.0.0.1:6443", "names 0177.0.0.1, which is a loopback address (127.0.0.1)",
                "https://[::ffff:127.0.0.1]:6443", "names ::ffff:127.0.0.1, which is a loopback address (127.0.0.1)",
                "https://[fd00:ec2::254]", "names fd00:ec2::254, which is the cloud metadata address"
                        + " (fd00:ec2:0:0:0:0:0:254)",
                "https://localhost:6443", "names host 'localhost', which is always a loopback address");
        expected.forEach((url, why) -> operator().body(cluster(url)).put("/api/v1/clusters/" + unique("c")).then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("target.apiServer " + why + ONLY_ADMIN)));
    }

    @Test
    void anAdminMayWriteALoopbackAddressOnPurpose() {
        String name = unique("kind");
        admin().body(cluster("https://127.0.0.1:6443")).put("/api/v1/clusters/" + name).then().statusCode(201)
                .body("target.apiServer", equalTo("https://127.0.0.1:6443"));
    }

    @Test
    void anOperatorMayNameAPrivateNetworkAddressOrADnsName() {
        operator().body(cluster("https://10.0.12.7:443")).put("/api/v1/clusters/" + unique("c")).then()
                .statusCode(201);
        operator().body(cluster("https://ABC.gr7.us-east-1.eks.amazonaws.com")).put("/api/v1/clusters/"
                + unique("c")).then().statusCode(201);
    }
}
