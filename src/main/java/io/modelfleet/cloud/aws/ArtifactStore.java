package io.modelfleet.cloud.aws;

import java.net.URI;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What S3 says about a variant's artifact: whether it exists, its size and its SHA-256 checksum. */
public class ArtifactStore {

    private final AwsClients clients;
    private final String region;

    public ArtifactStore(AwsClients clients, String region) {
        this.clients = clients;
        this.region = region;
    }

    /**
     * {@code sha256Hex} is empty when S3 holds no full-object SHA-256 for the object (uploaded without
     * {@code --checksum-algorithm SHA256}, or multipart with a composite checksum).
     */
    public record Facts(boolean exists, long sizeBytes, Optional<String> sha256Hex) {
    }

    public Facts head(String artifactUri) {
        URI uri = URI.create(artifactUri);
        String bucket = uri.getHost();
        String key = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
        try (S3Client s3 = clients.s3(region)) {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
            return new Facts(true, head.contentLength(), sha256(head.checksumSHA256()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return new Facts(false, 0, Optional.empty());
            }
            throw e;
        }
    }

    private static Optional<String> sha256(String base64) {
        if (base64 == null || base64.contains("-")) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().formatHex(Base64.getDecoder().decode(base64)));
    }
}
