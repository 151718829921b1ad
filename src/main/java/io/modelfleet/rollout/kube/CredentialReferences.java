package io.modelfleet.rollout.kube;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Resolves an apiServer target's {@code credentialsRef}: {@code env:VAR}, {@code file:/path}, or
 * {@code secret:<namespace>/<name>} (keys {@code token} and optionally {@code ca.crt}) read through the
 * application's own client, from the cluster the control plane runs in. A reference that does not resolve is a
 * {@link TargetConfigurationException} naming the reference; the token itself never appears in a message.
 */
public final class CredentialReferences {

    public record Credentials(String token, String caCertificate) {
    }

    private final Supplier<KubernetesClient> home;
    private final UnaryOperator<String> environment;

    public CredentialReferences(Supplier<KubernetesClient> home, UnaryOperator<String> environment) {
        this.home = home;
        this.environment = environment;
    }

    Credentials resolve(String cluster, String reference) {
        return resolve(cluster, "target.credentialsRef", reference);
    }

    /** As for a target, with messages naming {@code field} (e.g. {@code metrics.credentialsRef}). */
    public Credentials resolve(String cluster, String field, String reference) {
        if (reference.startsWith("env:")) {
            return fromEnvironment(cluster, field, reference, reference.substring("env:".length()));
        }
        if (reference.startsWith("file:")) {
            return fromFile(cluster, field, reference, Path.of(reference.substring("file:".length())));
        }
        if (reference.startsWith("secret:")) {
            return fromSecret(cluster, field, reference, reference.substring("secret:".length()).split("/", 2));
        }
        throw new TargetConfigurationException(cluster, field + " '" + reference
                + "' is not an env:, file:, secret: or eks: reference");
    }

    private Credentials fromEnvironment(String cluster, String field, String reference, String variable) {
        String value = environment.apply(variable);
        if (value == null || value.isBlank()) {
            throw new TargetConfigurationException(cluster, field + " " + reference
                    + ": environment variable " + variable + " is not set");
        }
        return new Credentials(value.trim(), null);
    }

    private static Credentials fromFile(String cluster, String field, String reference, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TargetConfigurationException(cluster, field + " " + reference + ": file " + file
                    + " does not exist");
        }
        String token;
        try {
            token = Files.readString(file).trim();
        } catch (IOException e) {
            throw new TargetConfigurationException(cluster, field + " " + reference + ": file " + file
                    + " cannot be read", e);
        }
        if (token.isEmpty()) {
            throw new TargetConfigurationException(cluster, field + " " + reference + ": file " + file
                    + " is empty");
        }
        return new Credentials(token, null);
    }

    private Credentials fromSecret(String cluster, String field, String reference, String[] parts) {
        if (parts.length != 2) {
            throw new TargetConfigurationException(cluster, field + " " + reference
                    + " must be secret:<namespace>/<name>");
        }
        Secret secret;
        try {
            secret = home.get().secrets().inNamespace(parts[0]).withName(parts[1]).get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 401 || e.getCode() == 403) {
                throw new TargetConfigurationException(cluster, field + " " + reference
                        + ": the control plane may not read Secret " + parts[0] + "/" + parts[1] + " (HTTP "
                        + e.getCode() + "); see the modelfleet-cluster-credentials Role in k8s/", e);
            }
            throw e;
        }
        if (secret == null) {
            throw new TargetConfigurationException(cluster, field + " " + reference + ": Secret "
                    + parts[0] + "/" + parts[1] + " does not exist in the cluster the control plane runs in");
        }
        String token = decoded(secret, "token");
        if (token == null || token.isBlank()) {
            throw new TargetConfigurationException(cluster, field + " " + reference + ": Secret "
                    + parts[0] + "/" + parts[1] + " has no key 'token'");
        }
        return new Credentials(token.trim(), decoded(secret, "ca.crt"));
    }

    private static String decoded(Secret secret, String key) {
        if (secret.getData() != null && secret.getData().containsKey(key)) {
            return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
        }
        return null;
    }
}
