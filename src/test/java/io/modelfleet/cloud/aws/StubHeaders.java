package io.modelfleet.cloud.aws;

import java.util.Map;

/** Response headers for HEAD-style stub operations, where the answer is all in the headers. */
final class StubHeaders {

    private StubHeaders() {
    }

    static void set(AwsStubServer stub, String operation, String contentLength, String checksumSha256) {
        stub.extraHeaders.put(operation, Map.of("Content-Length", contentLength, "x-amz-checksum-sha256",
                checksumSha256, "ETag", "\"5d41402abc4b2a76b9719d911017c592\""));
    }
}
