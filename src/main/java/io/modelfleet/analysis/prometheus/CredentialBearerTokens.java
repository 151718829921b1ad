package io.modelfleet.analysis.prometheus;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelfleet.api.security.WithheldDetails;
import io.modelfleet.rollout.kube.CredentialReferences;
import io.modelfleet.rollout.kube.TargetConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Reads a metrics source's {@code credentialsRef} exactly as a cluster target's ({@code env:VAR},
 * {@code file:/path}, {@code secret:<namespace>/<name>} key {@code token}), through the rollout's
 * {@link CredentialReferences}. A token is re-read at most once a minute so a rotated one is picked up without a
 * restart, and without a Secret read per query.
 */
@ApplicationScoped
public class CredentialBearerTokens implements BearerTokens {

    private static final long REREAD_NANOS = 60_000_000_000L;

    private record Read(String token, long atNanos) {
    }

    private final CredentialReferences references;
    private final LongSupplier nanoTime;
    private final Map<String, Read> cache = new ConcurrentHashMap<>();

    @Inject
    public CredentialBearerTokens(Instance<KubernetesClient> applicationClient) {
        this(applicationClient::get, System::getenv, System::nanoTime);
    }

    /** @param environment looks up environment variables ({@code env:} references) */
    public CredentialBearerTokens(Supplier<KubernetesClient> applicationClient, UnaryOperator<String> environment,
            LongSupplier nanoTime) {
        this.references = new CredentialReferences(applicationClient, environment);
        this.nanoTime = nanoTime;
    }

    @Override
    public Optional<String> token(String cluster, String credentialsRef) {
        if (credentialsRef == null) {
            return Optional.empty();
        }
        String key = cluster + "|" + credentialsRef;
        long now = nanoTime.getAsLong();
        Read read = cache.get(key);
        if (read == null || now - read.atNanos() >= REREAD_NANOS) {
            read = new Read(resolve(cluster, credentialsRef), now);
            cache.put(key, read);
        }
        return Optional.of(read.token());
    }

    private String resolve(String cluster, String credentialsRef) {
        try {
            return references.resolve(cluster, "metrics.credentialsRef", credentialsRef).token();
        } catch (TargetConfigurationException e) {
            // Names the reference and what is missing; never the token.
            throw new PrometheusQueryException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new PrometheusQueryException(WithheldDetails.withhold("cluster " + cluster
                    + ": metrics.credentialsRef " + credentialsRef + " could not be read", e), e);
        }
    }
}
