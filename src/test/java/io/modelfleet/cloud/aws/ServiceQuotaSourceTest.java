package io.modelfleet.cloud.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** GetServiceQuota against a stub speaking Service Quotas' JSON 1.1 protocol. */
class ServiceQuotaSourceTest {

    @Test
    void vcpuLimitsAreReadPerCodeAndMissingOnesSkipped() throws Exception {
        try (AwsStubServer stub = new AwsStubServer()) {
            stub.failFirst(AwsStubServer.jsonError(400, "TooManyRequestsException", "slow down"));
            stub.on("GetServiceQuota", r -> r.body().contains("L-74FC7D96")
                    ? AwsStubServer.jsonError(400, "NoSuchResourceException", "no such quota")
                    : AwsStubServer.json("{\"Quota\":{\"ServiceCode\":\"ec2\",\"ServiceName\":\"Amazon Elastic Compute"
                            + " Cloud (Amazon EC2)\",\"QuotaCode\":\"L-DB2E81BA\",\"QuotaName\":\"Running On-Demand G"
                            + " and VT instances\",\"Value\":64.0,\"Unit\":\"None\",\"Adjustable\":true}}"));
            ServiceQuotaSource source = new ServiceQuotaSource(new AwsClients(Optional.of(stub.endpoint()),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret"))));
            Map<String, Double> limits = source.vcpuLimits("us-east-1", List.of("L-DB2E81BA", "L-74FC7D96"));
            assertEquals(Map.of("L-DB2E81BA", 64.0), limits);
            AwsStubServer.Request request = stub.requests.get(1);
            assertEquals("ServiceQuotasV20190624.GetServiceQuota", request.headers().get("x-amz-target"));
            assertEquals(true, request.body().contains("\"ServiceCode\":\"ec2\""));
        }
    }
}
