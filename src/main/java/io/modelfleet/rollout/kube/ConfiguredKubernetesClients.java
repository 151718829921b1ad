package io.modelfleet.rollout.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.modelfleet.api.security.OutboundAddresses;
import io.modelfleet.cloud.aws.EksCatalog;
import io.modelfleet.cloud.aws.EksTokens;
import io.modelfleet.fleet.domain.ClusterTarget;
import io.modelfleet.rollout.KubernetesClients;
import io.modelfleet.rollout.RolloutConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * Builds one client per cluster from its target, reaching exactly the cluster the target names:
 * <ul>
 * <li>context {@code in-cluster}: the application's own client (the cluster the control plane runs in, or
 * whatever {@code quarkus.kubernetes-client.*} points at) — the only path that uses the pod's service account;
 * <li>any other context: that context of the control plane's kubeconfig ({@link Kubeconfig}), never its current
 * context;
 * <li>an API server URL: with the bearer token its {@code credentialsRef} names ({@link CredentialReferences}), or
 * with an {@code eks:<region>/<cluster>} reference, the endpoint, CA and a presigned token from EKS.
 * </ul>
 * Anything missing is a {@link TargetConfigurationException}, never a fallback. Every client built here has its
 * connection and request timeouts set and Fabric8's own retries off, so one Kubernetes call ends within the
 * configured timeout, well inside the rollout lease; the rollout engine does the retrying. Clients of apiServer
 * and EKS targets refuse requests while the server's name resolves to a forbidden address
 * ({@link OutboundAddressGuard}). Tokens are read,
 * never logged, and never leave this class.
 */
@ApplicationScoped
public class ConfiguredKubernetesClients implements KubernetesClients {

    public static final String IN_CLUSTER = ClusterTarget.IN_CLUSTER;

    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();
    private final Supplier<KubernetesClient> applicationClient;
    private final Supplier<EksCatalog> eks;
    private final Supplier<EksTokens> eksTokens;
    private final Kubeconfig kubeconfig;
    private final CredentialReferences credentials;
    private final int timeoutMillis;
    private final OutboundAddresses outbound;

    @Inject
    public ConfiguredKubernetesClients(Instance<KubernetesClient> applicationClient, Instance<EksCatalog> eks,
            Instance<EksTokens> eksTokens, RolloutConfig config) {
        this(applicationClient::get, eks::get, eksTokens::get, Kubeconfig.locate(config.targets().kubeconfig(),
                System::getenv, Path.of(System.getProperty("user.home"))), System::getenv,
                config.targets().requestTimeout());
    }

    /**
     * @param environment looks up environment variables ({@code env:} references)
     * @param timeout     connection and request timeout of every client built here
     */
    public ConfiguredKubernetesClients(Supplier<KubernetesClient> applicationClient, Supplier<EksCatalog> eks,
            Supplier<EksTokens> eksTokens, Kubeconfig kubeconfig, UnaryOperator<String> environment,
            Duration timeout) {
        this(applicationClient, eks, eksTokens, kubeconfig, environment, timeout, OutboundAddresses.system());
    }

    /** @param outbound checks where apiServer and EKS targets' names resolve before every request */
    public ConfiguredKubernetesClients(Supplier<KubernetesClient> applicationClient, Supplier<EksCatalog> eks,
            Supplier<EksTokens> eksTokens, Kubeconfig kubeconfig, UnaryOperator<String> environment,
            Duration timeout, OutboundAddresses outbound) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("modelfleet.rollout.request-timeout must be positive, was " + timeout);
        }
        this.applicationClient = applicationClient;
        this.eks = eks;
        this.eksTokens = eksTokens;
        this.kubeconfig = kubeconfig;
        this.credentials = new CredentialReferences(applicationClient, environment);
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
        this.outbound = outbound;
    }

    @Override
    public KubernetesClient client(String cluster, ClusterTarget target) {
        if (target.apiServer() == null && target.credentialsRef() == null && IN_CLUSTER.equals(target.context())) {
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
        // apiServer and eks: targets come from users and from AWS; kubeconfig contexts are the admin's own file.
        boolean guarded = target.apiServer() != null || target.credentialsRef() != null;
        return clients.computeIfAbsent(key, k -> new KubernetesClientBuilder()
                .withConfig(bounded(config(cluster, target)))
                .withHttpClientBuilderConsumer(http -> {
                    if (guarded) {
                        http.addOrReplaceInterceptor(OutboundAddressGuard.NAME,
                                new OutboundAddressGuard(cluster, outbound));
                    }
                }).build());
    }

    private Config config(String cluster, ClusterTarget target) {
        String ref = target.credentialsRef();
        if (target.context() != null && (target.apiServer() != null || ref != null)) {
            throw new TargetConfigurationException(cluster, "the target names context '" + target.context()
                    + "' and also " + (target.apiServer() != null ? "apiServer " + target.apiServer()
                            : "a credentialsRef") + "; a context brings its own server and credentials, so name"
                    + " either a context or an apiServer with its credentialsRef");
        }
        if (ref != null && ref.startsWith("eks:")) {
            return eksConfig(cluster, target.apiServer(), ref.substring("eks:".length()));
        }
        if (target.apiServer() != null) {
            if (ref == null) {
                throw new TargetConfigurationException(cluster, "apiServer " + target.apiServer()
                        + " has no target.credentialsRef; ModelFleet does not connect anonymously");
            }
            return apiServerConfig(cluster, target.apiServer(), ref);
        }
        if (target.context() == null) {
            throw new TargetConfigurationException(cluster, "the KUBERNETES target names neither a context nor an"
                    + " apiServer");
        }
        return kubeconfigConfig(cluster, target.context());
    }

    private Config apiServerConfig(String cluster, String apiServer, String ref) {
        CredentialReferences.Credentials first = credentials.resolve(cluster, ref);
        ConfigBuilder builder = new ConfigBuilder(Config.empty()).withMasterUrl(apiServer)
                .withOauthTokenProvider(new RereadToken(first.token(),
                        () -> credentials.resolve(cluster, ref).token()));
        if (first.caCertificate() != null) {
            builder.withCaCertData(Base64.getEncoder().encodeToString(
                    first.caCertificate().getBytes(StandardCharsets.UTF_8)));
        }
        return builder.build();
    }

    /**
     * The context's token (static, from an exec plugin or an auth provider's id-token; none for client
     * certificates) is re-read through {@link Kubeconfig}. Without a token provider Fabric8 refreshes by itself,
     * re-resolving the file's current context if this one has disappeared from it.
     */
    private Config kubeconfigConfig(String cluster, String context) {
        Config config = kubeconfig.context(cluster, context);
        config.setOauthTokenProvider(new RereadToken(config.getAutoOAuthToken(),
                () -> kubeconfig.context(cluster, context).getAutoOAuthToken()));
        return config;
    }

    /**
     * {@code eks:<region>/<cluster>}: endpoint and CA from DescribeCluster, and a bearer token presigned from the
     * control plane's own AWS credentials (IRSA), re-signed before its 15 minutes run out. A target that also
     * names an apiServer must name that cluster's endpoint.
     */
    private Config eksConfig(String cluster, String apiServer, String reference) {
        String[] parts = reference.split("/", 2);
        EksCatalog.EksCluster found;
        try {
            found = eks.get().cluster(parts[0], parts[1]);
        } catch (ResourceNotFoundException e) {
            throw new TargetConfigurationException(cluster, "target.credentialsRef eks:" + reference + ": EKS has no"
                    + " cluster " + parts[1] + " in " + parts[0], e);
        }
        if (apiServer != null && !sameServer(apiServer, found.endpoint())) {
            throw new TargetConfigurationException(cluster, "apiServer " + apiServer + " is not the endpoint of EKS"
                    + " cluster " + reference + " (" + found.endpoint() + ")");
        }
        return new ConfigBuilder(Config.empty()).withMasterUrl(found.endpoint())
                .withCaCertData(found.certificateAuthority())
                .withOauthTokenProvider(eksTokens.get().provider(parts[0], parts[1])).build();
    }

    private static boolean sameServer(String a, String b) {
        URI x = URI.create(a);
        URI y = URI.create(b);
        return x.getScheme().equalsIgnoreCase(y.getScheme()) && x.getHost().equalsIgnoreCase(y.getHost())
                && port(x) == port(y);
    }

    private static int port(URI uri) {
        return uri.getPort() == -1 ? 443 : uri.getPort();
    }

    /** Fabric8 retries up to ten times with growing back-off by default: minutes, not one bounded call. */
    private Config bounded(Config config) {
        config.setConnectionTimeout(timeoutMillis);
        config.setRequestTimeout(timeoutMillis);
        config.setRequestRetryBackoffLimit(0);
        return config;
    }

    /** Closes the clients this class built; the application's own client is Quarkus' to close. */
    @PreDestroy
    void close() {
        clients.values().forEach(KubernetesClient::close);
    }
}
