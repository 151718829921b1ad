package io.modelfleet.rollout.kube;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The control plane's kubeconfig, read for exactly one named context at a time. Fabric8's own loading
 * ({@code Config.autoConfigure}, and {@code KubeConfigUtils.merge} behind {@code Config.fromKubeconfig}) falls back
 * to the file's current context when the named one is missing, and to the pod's service account when the file is;
 * so this class checks that the file, the context, its cluster and its user (with credentials) all exist before
 * it lets Fabric8 turn them into a client configuration.
 */
public final class Kubeconfig {

    private final Path path;
    private final String source;
    private final String unusable;

    private Kubeconfig(Path path, String source, String unusable) {
        this.path = path;
        this.source = source;
        this.unusable = unusable;
    }

    /**
     * The file to read: {@code modelfleet.rollout.kubeconfig} when set, else {@code $KUBECONFIG}, else
     * {@code ~/.kube/config}. A {@code $KUBECONFIG} listing several files is refused rather than merged, so that
     * which file defines a context is never in doubt.
     */
    public static Kubeconfig locate(Optional<Path> configured, UnaryOperator<String> environment, Path home) {
        if (configured.isPresent()) {
            return new Kubeconfig(configured.get(), "modelfleet.rollout.kubeconfig", null);
        }
        String variable = environment.apply("KUBECONFIG");
        if (variable != null && !variable.isBlank()) {
            if (variable.contains(File.pathSeparator)) {
                return new Kubeconfig(null, "$KUBECONFIG", "$KUBECONFIG lists several files (" + variable
                        + "); set modelfleet.rollout.kubeconfig to the one file ModelFleet should read");
            }
            return new Kubeconfig(Path.of(variable.trim()), "$KUBECONFIG", null);
        }
        return new Kubeconfig(home.resolve(".kube").resolve("config"), "the default ~/.kube/config", null);
    }

    /** Where the file is and which setting chose it, as error messages name it. */
    public String describe() {
        return path == null ? source : "kubeconfig " + path + " (" + source + ")";
    }

    /** The client configuration of {@code context}, or an error naming what is missing; never another context. */
    public Config context(String cluster, String context) {
        io.fabric8.kubernetes.api.model.Config file = read(cluster);
        NamedContext named = find(file.getContexts(), NamedContext::getName, context);
        if (named == null || named.getContext() == null) {
            throw new TargetConfigurationException(cluster, "context '" + context + "' is not in " + describe()
                    + "; " + existing(file.getContexts(), NamedContext::getName, "contexts"));
        }
        String clusterName = named.getContext().getCluster();
        NamedCluster server = find(file.getClusters(), NamedCluster::getName, clusterName);
        if (server == null || server.getCluster() == null || blank(server.getCluster().getServer())) {
            throw new TargetConfigurationException(cluster, "context '" + context + "' of " + describe()
                    + (blank(clusterName) ? " names no cluster" : server == null
                            ? " names cluster '" + clusterName + "', which the file does not define"
                            : " names cluster '" + clusterName + "', which has no server URL"));
        }
        String userName = named.getContext().getUser();
        NamedAuthInfo user = find(file.getUsers(), NamedAuthInfo::getName, userName);
        if (user == null || user.getUser() == null) {
            throw new TargetConfigurationException(cluster, "context '" + context + "' of " + describe()
                    + (blank(userName) ? " names no user, and ModelFleet does not connect anonymously"
                            : " names user '" + userName + "', which the file does not define"));
        }
        String credentialsProblem = credentialsProblem(user.getUser());
        if (credentialsProblem != null) {
            throw new TargetConfigurationException(cluster, "user '" + userName + "' of context '" + context
                    + "' in " + describe() + " " + credentialsProblem);
        }
        Config config = Config.empty();
        try {
            KubeConfigUtils.merge(config, context, file);
        } catch (RuntimeException e) {
            // Not e's message: a failed exec plugin's output may hold a token.
            throw new TargetConfigurationException(cluster, "the credentials of user '" + userName + "' of context '"
                    + context + "' in " + describe() + " could not be obtained (" + e.getClass().getSimpleName()
                    + " from its exec plugin or auth provider)");
        }
        if (config.getCurrentContext() == null || !context.equals(config.getCurrentContext().getName())) {
            throw new TargetConfigurationException(cluster, "the Kubernetes client resolved another context than '"
                    + context + "' from " + describe());
        }
        return config;
    }

    private io.fabric8.kubernetes.api.model.Config read(String cluster) {
        if (unusable != null) {
            throw new TargetConfigurationException(cluster, unusable);
        }
        if (!Files.isRegularFile(path)) {
            throw new TargetConfigurationException(cluster, describe() + " does not exist");
        }
        if (!Files.isReadable(path)) {
            throw new TargetConfigurationException(cluster, describe() + " cannot be read");
        }
        io.fabric8.kubernetes.api.model.Config file;
        try {
            file = KubeConfigUtils.parseConfig(path.toFile());
        } catch (RuntimeException e) {
            // The parser's message may quote the file, and the file holds tokens: name the file only.
            throw new TargetConfigurationException(cluster, describe() + " is not a valid kubeconfig file");
        }
        if (file == null) {
            throw new TargetConfigurationException(cluster, describe() + " is empty");
        }
        return file;
    }

    /** Null when Fabric8 will send credentials for this user; otherwise why it would connect anonymously. */
    private static String credentialsProblem(AuthInfo user) {
        boolean token = !blank(user.getToken());
        boolean certificate = (!blank(user.getClientCertificate()) || !blank(user.getClientCertificateData()))
                && (!blank(user.getClientKey()) || !blank(user.getClientKeyData()));
        boolean password = !blank(user.getUsername()) && !blank(user.getPassword());
        if (token || certificate || password || user.getExec() != null || user.getAuthProvider() != null) {
            return null;
        }
        if (!blank(user.getTokenFile())) {
            return "has only a tokenFile, which the Kubernetes client does not read; use token, a client"
                    + " certificate and key, or an exec plugin";
        }
        return "has no credentials (token, client certificate and key, username and password, exec or"
                + " auth-provider)";
    }

    private static <T> T find(List<T> items, java.util.function.Function<T, String> name, String wanted) {
        if (items == null || wanted == null) {
            return null;
        }
        return items.stream().filter(i -> wanted.equals(name.apply(i))).findFirst().orElse(null);
    }

    private static <T> String existing(List<T> items, java.util.function.Function<T, String> name, String what) {
        if (items == null || items.isEmpty()) {
            return "the file has no " + what;
        }
        return "it has " + items.stream().map(name).map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
