package io.modelfleet.cloud.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** HeadObject with checksum mode against a stub speaking S3's REST protocol (path-style). */
class ArtifactStoreTest {

    @Test
    void sizeAndSha256ComeFromHeadObject() throws Exception {
        try (AwsStubServer stub = new AwsStubServer()) {
            // SHA-256 of "hello" is 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824.
            stub.on("HEAD /models/resnet50/int8.onnx", r -> new AwsStubServer.Response(200, "application/octet-stream",
                    ""));
            stub.on("HEAD /models/missing.onnx", r -> new AwsStubServer.Response(404, "application/xml", ""));
            ArtifactStore store = new ArtifactStore(new AwsClients(Optional.of(stub.endpoint()),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret"))), "us-east-1");
            StubHeaders.set(stub, "HEAD /models/resnet50/int8.onnx", "5",
                    "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=");
            ArtifactStore.Facts facts = store.head("s3://models/resnet50/int8.onnx");
            assertEquals(new ArtifactStore.Facts(true, 5,
                    Optional.of("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")), facts);
            assertEquals("ENABLED", stub.requests.get(0).headers().get("x-amz-checksum-mode"));
            assertEquals(new ArtifactStore.Facts(false, 0, Optional.empty()), store.head("s3://models/missing.onnx"));
        }
    }
}
