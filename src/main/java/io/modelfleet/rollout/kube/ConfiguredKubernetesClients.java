package io.modelfleet.rollout.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.modelfleet.cloud.aws.EksCatalog;
import io.modelfleet.cloud.aws.EksTokens;
import io.modelfleet.fleet.domain.ClusterTarget;
import io.modelfleet.rollout.KubernetesClients;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Builds one client per cluster from its target: context {@code in-cluster} uses the application's own client
 * (the cluster the control plane runs in, or whatever {@code quarkus.kubernetes-client.*} points at); another
 * context names one of the control plane's kubeconfig; or an API
 * server URL with a bearer token found through {@code credentialsRef} ({@code env:VAR}, {@code file:/path}, or
 * {@code secret:<namespace>/<name>} with keys {@code token} and optionally {@code ca.crt}, read from the cluster
 * the control plane runs in). Tokens are read, never logged, and never leave this class.
 */
@ApplicationScoped
public class ConfiguredKubernetesClients implements KubernetesClients {

    public static final String IN_CLUSTER = "in-cluster";

    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();
    private final Supplier<KubernetesClient> applicationClient;
    private final Supplier<EksCatalog> eks;
    private final Supplier<EksTokens> eksTokens;

    @Inject
    public ConfiguredKubernetesClients(Instance<KubernetesClient> applicationClient, Instance<EksCatalog> eks,
            Instance<EksTokens> eksTokens) {
        this(applicationClient::get, eks::get, eksTokens::get);
    }

    public ConfiguredKubernetesClients(Supplier<KubernetesClient> applicationClient, Supplier<EksCatalog> eks,
            Supplier<EksTokens> eksTokens) {
        this.applicationClient = applicationClient;
        this.eks = eks;
        this.eksTokens = eksTokens;
    }

    @Override
    public KubernetesClient client(String cluster, ClusterTarget target) {
        if (target.apiServer() == null && IN_CLUSTER.equals(target.context())) {
            return applicationClient.get();
        }
        String key = cluster + "|" + target;
        KubernetesClient existing = clients.get(key);
        if (existing != null) {
            return existing;
        }
        // The cluster's target changed (or this is the first use): close clients built for its old targets.
        clients.keySet().removeIf(k -> {
            if (k.startsWith(cluster + "|") && !k.equals(key)) {
                clients.get(k).close();
                return true;
            }
            return false;
        });
        return clients.computeIfAbsent(key, k -> build(target));
    }

    private KubernetesClient build(ClusterTarget target) {
        Config config;
        if (target.credentialsRef() != null && target.credentialsRef().startsWith("eks:")) {
            config = eksConfig(target.credentialsRef().substring(4));
        } else if (target.apiServer() != null) {
            ConfigBuilder builder = new ConfigBuilder(Config.empty()).withMasterUrl(target.apiServer());
            if (target.credentialsRef() != null) {
                Credentials credentials = resolve(target.credentialsRef());
                builder.withOauthTokenProvider(new ReferencedToken(target.credentialsRef()));
                if (credentials.caCertificate() != null) {
                    builder.withCaCertData(Base64.getEncoder().encodeToString(
                            credentials.caCertificate().getBytes(StandardCharsets.UTF_8)));
                }
            }
            config = builder.build();
        } else {
            config = Config.autoConfigure(target.context());
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * {@code eks:<region>/<cluster>}: endpoint and CA from DescribeCluster, and a bearer token presigned from the
     * control plane's own AWS credentials (IRSA), re-signed before its 15 minutes run out.
     */
    private Config eksConfig(String reference) {
        String[] parts = reference.split("/", 2);
        EksCatalog.EksCluster cluster = eks.get().cluster(parts[0], parts[1]);
        return new ConfigBuilder(Config.empty()).withMasterUrl(cluster.endpoint())
                .withCaCertData(cluster.certificateAuthority())
                .withOauthTokenProvider(eksTokens.get().provider(parts[0], parts[1])).build();
    }

    /**
     * Reads the referenced token again when it may have changed (at most once a minute), so rotated tokens — a
     * projected service-account token, a re-issued Secret — are picked up without a restart.
     */
    private static final class ReferencedToken implements io.fabric8.kubernetes.client.OAuthTokenProvider {
        private static final long REREAD_NANOS = 60_000_000_000L;
        private final String reference;
        private String token;
        private long readAt;

        ReferencedToken(String reference) {
            this.reference = reference;
        }

        @Override
        public synchronized String getToken() {
            long now = System.nanoTime();
            if (token == null || now - readAt >= REREAD_NANOS) {
                token = resolve(reference).token();
                readAt = now;
            }
            return token;
        }
    }

    private record Credentials(String token, String caCertificate) {
    }

    private static Credentials resolve(String reference) {
        if (reference.startsWith("env:")) {
            String value = System.getenv(reference.substring(4));
            if (value == null) {
                throw new IllegalStateException("credentials variable " + reference.substring(4) + " is not set");
            }
            return new Credentials(value.trim(), null);
        }
        if (reference.startsWith("file:")) {
            try {
                return new Credentials(Files.readString(Path.of(reference.substring(5))).trim(), null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read credentials file " + reference.substring(5), e);
            }
        }
        String[] parts = reference.substring("secret:".length()).split("/", 2);
        try (KubernetesClient local = new KubernetesClientBuilder().build()) {
            Secret secret = local.secrets().inNamespace(parts[0]).withName(parts[1]).get();
            if (secret == null || secret.getData() == null || !secret.getData().containsKey("token")) {
                throw new IllegalStateException("secret " + parts[0] + "/" + parts[1] + " has no key 'token'");
            }
            String token = new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
            String ca = secret.getData().containsKey("ca.crt") ? new String(Base64.getDecoder()
                    .decode(secret.getData().get("ca.crt")), StandardCharsets.UTF_8) : null;
            return new Credentials(token.trim(), ca);
        }
    }

    /** Closes the clients this class built; the application's own client is Quarkus' to close. */
    @PreDestroy
    void close() {
        clients.values().forEach(KubernetesClient::close);
    }
}
