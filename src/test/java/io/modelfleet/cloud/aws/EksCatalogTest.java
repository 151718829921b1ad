package io.modelfleet.cloud.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** EKS discovery against a stub speaking EKS's REST JSON protocol, with paging and a retried 5xx. */
class EksCatalogTest {

    @Test
    void clustersAndNodeGroupsAreReadAcrossPages() throws Exception {
        try (AwsStubServer stub = new AwsStubServer()) {
            stub.failFirst(new AwsStubServer.Response(500, "application/json",
                    "{\"message\":\"internal\"}"));
            stub.on("GET /clusters", r -> AwsStubServer.json(r.form().containsKey("nextToken")
                    ? "{\"clusters\":[\"ml-b\"]}" : "{\"clusters\":[\"ml-a\"],\"nextToken\":\"t2\"}"));
            for (String name : List.of("ml-a", "ml-b")) {
                stub.on("GET /clusters/" + name, r -> AwsStubServer.json("{\"cluster\":{\"name\":\"" + name
                        + "\",\"endpoint\":\"https://" + name + ".gr7.us-east-1.eks.amazonaws.com\","
                        + "\"certificateAuthority\":{\"data\":\"Q0E=\"},\"status\":\"ACTIVE\",\"version\":\"1.31\"}}"));
                stub.on("GET /clusters/" + name + "/node-groups", r -> AwsStubServer.json(
                        "{\"nodegroups\":[\"gpu\",\"spot-cpu\"]}"));
                stub.on("GET /clusters/" + name + "/node-groups/gpu", r -> AwsStubServer.json(nodegroup("gpu",
                        "g4dn.xlarge", "ON_DEMAND", 10)));
                stub.on("GET /clusters/" + name + "/node-groups/spot-cpu", r -> AwsStubServer.json(nodegroup(
                        "spot-cpu", "c6i.xlarge", "SPOT", 20)));
            }
            EksCatalog catalog = new EksCatalog(new AwsClients(Optional.of(stub.endpoint()),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret"))));
            List<EksCatalog.EksCluster> clusters = catalog.clusters("us-east-1");
            assertEquals(List.of("ml-a", "ml-b"), clusters.stream().map(EksCatalog.EksCluster::name).toList());
            EksCatalog.EksCluster a = clusters.get(0);
            assertEquals("https://ml-a.gr7.us-east-1.eks.amazonaws.com", a.endpoint());
            assertEquals("Q0E=", a.certificateAuthority());
            assertEquals(List.of(new EksCatalog.NodeGroup("gpu", List.of("g4dn.xlarge"), "ON_DEMAND", 10),
                    new EksCatalog.NodeGroup("spot-cpu", List.of("c6i.xlarge"), "SPOT", 20)), a.nodeGroups());
        }
    }

    private static String nodegroup(String name, String type, String capacity, int max) {
        return "{\"nodegroup\":{\"nodegroupName\":\"" + name + "\",\"instanceTypes\":[\"" + type + "\"],"
                + "\"capacityType\":\"" + capacity + "\",\"scalingConfig\":{\"minSize\":0,\"maxSize\":" + max
                + ",\"desiredSize\":1},\"status\":\"ACTIVE\"}}";
    }
}
