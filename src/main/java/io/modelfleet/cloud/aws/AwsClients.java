package io.modelfleet.cloud.aws;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

/**
 * Builds SDK clients the same way everywhere: the URL-connection HTTP client (no Netty or Apache stack), the
 * SDK's standard retry mode (throttling and 5xx retried with backoff), the default credentials chain (IRSA in
 * EKS), and an optional endpoint override — how tests point every client at a local stub server.
 */
@ApplicationScoped
public class AwsClients {

    /** The Pricing API is served from us-east-1 (and ap-south-1) only, whatever region is being priced. */
    static final Region PRICING_REGION = Region.US_EAST_1;

    private final Optional<URI> endpointOverride;
    private final AwsCredentialsProvider credentials;

    @jakarta.inject.Inject
    public AwsClients(AwsConfig config) {
        this(config.endpointOverride(), DefaultCredentialsProvider.builder().build());
    }

    public AwsClients(Optional<URI> endpointOverride, AwsCredentialsProvider credentials) {
        this.endpointOverride = endpointOverride;
        this.credentials = credentials;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    public PricingClient pricing() {
        return configure(PricingClient.builder(), PRICING_REGION).build();
    }

    public Ec2Client ec2(String region) {
        return configure(Ec2Client.builder(), Region.of(region)).build();
    }

    public ServiceQuotasClient quotas(String region) {
        return configure(ServiceQuotasClient.builder(), Region.of(region)).build();
    }

    public EksClient eks(String region) {
        return configure(EksClient.builder(), Region.of(region)).build();
    }

    public S3Client s3(String region) {
        return configure(S3Client.builder(), Region.of(region)).forcePathStyle(endpointOverride.isPresent()).build();
    }

    private <B extends AwsClientBuilder<B, C>, C> B configure(B builder, Region region) {
        builder.region(region).credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(Duration.ofSeconds(60)).build());
        endpointOverride.ifPresent(builder::endpointOverride);
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(30)));
        }
        return builder;
    }
}
