package io.modelfleet.cloud.aws;

import io.fabric8.kubernetes.client.OAuthTokenProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * EKS bearer tokens without the aws CLI or an exec plugin (reference/hardware.md §7): a presigned STS
 * GetCallerIdentity URL, with the header {@code x-k8s-aws-id: <cluster>} signed into it, base64url-encoded
 * without padding behind {@code k8s-aws-v1.}. A token is valid for 15 minutes from its signing time; the
 * provider re-signs after {@link #REFRESH_AFTER}, well before that.
 */
public final class EksTokens {

    static final Duration REFRESH_AFTER = Duration.ofMinutes(10);
    static final String PREFIX = "k8s-aws-v1.";

    private final AwsCredentialsProvider credentials;
    private final Clock clock;

    public EksTokens(AwsCredentialsProvider credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** A fresh token for the cluster. */
    public String token(String region, String cluster) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("https://sts." + region + ".amazonaws.com/"))
                .putRawQueryParameter("Action", "GetCallerIdentity")
                .putRawQueryParameter("Version", "2011-06-15")
                .putHeader("x-k8s-aws-id", cluster)
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(60))
                .putProperty(AwsV4FamilyHttpSigner.SIGNING_CLOCK, clock));
        String url = signed.request().getUri().toString();
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }

    /** A Fabric8 token provider for one cluster that re-signs before the token can expire. */
    public OAuthTokenProvider provider(String region, String cluster) {
        return new OAuthTokenProvider() {
            private String token;
            private Instant signedAt = Instant.MIN;

            @Override
            public synchronized String getToken() {
                Instant now = clock.instant();
                if (token == null || !now.isBefore(signedAt.plus(REFRESH_AFTER))) {
                    token = token(region, cluster);
                    signedAt = now;
                }
                return token;
            }
        };
    }
}
