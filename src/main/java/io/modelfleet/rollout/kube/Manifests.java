package io.modelfleet.rollout.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parsing stored YAML back into objects, and turning a live object into something safe to apply again. */
public final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    public static final String VARIANT_LABEL = "modelfleet.io/variant";
    /** The hash of the Deployment's spec ModelFleet rendered, on its metadata (kube-state-metrics exports it). */
    public static final String SPEC_HASH_LABEL = "modelfleet.io/spec-hash";

    private Manifests() {
    }

    public static List<HasMetadata> parseAll(String yaml) {
        List<HasMetadata> out = new ArrayList<>();
        if (yaml == null) {
            return out;
        }
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (!document.isBlank()) {
                out.add((HasMetadata) SERIALIZATION.unmarshal(document));
            }
        }
        return out;
    }

    /** Drops what the server owns (status, uid, resourceVersion, managed fields), so the object can be re-applied. */
    public static HasMetadata restorable(HasMetadata live) {
        HasMetadata copy = SERIALIZATION.clone(live);
        copy.getMetadata().setResourceVersion(null);
        copy.getMetadata().setUid(null);
        copy.getMetadata().setCreationTimestamp(null);
        copy.getMetadata().setGeneration(null);
        copy.getMetadata().setManagedFields(null);
        if (copy instanceof Deployment d) {
            d.setStatus(null);
        } else if (copy instanceof PodDisruptionBudget p) {
            p.setStatus(null);
        } else if (copy instanceof Service s) {
            s.setStatus(null);
        }
        return copy;
    }

    /** A reference to a workload and its budget, enough to read or delete them. */
    public static List<HasMetadata> workloadRefs(String namespace, String name, String deployment) {
        Map<String, String> labels = Map.of("modelfleet.io/deployment", deployment);
        return List.of(
                new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                        .endMetadata().build(),
                new PodDisruptionBudgetBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                        .withLabels(labels).endMetadata().build());
    }

    /** A copy of the Deployment with another replica count (the object itself is left as it is). */
    public static Deployment withReplicas(Deployment deployment, int replicas) {
        Deployment copy = SERIALIZATION.clone(deployment);
        copy.getSpec().setReplicas(replicas);
        return copy;
    }

    /** The Deployment's desired replicas (Kubernetes' default of 1 when unset). */
    public static int replicas(Deployment deployment) {
        Integer replicas = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }

    /**
     * The {@code modelfleet.io/variant} label of the pod template of the Deployment in {@code yaml}, the label a
     * step's metric queries select its new pods by; null when there is no Deployment or no label.
     */
    public static String templateVariant(String yaml) {
        return parseAll(yaml).stream().filter(o -> o instanceof Deployment).map(o -> (Deployment) o)
                .map(d -> d.getSpec() == null || d.getSpec().getTemplate() == null
                        || d.getSpec().getTemplate().getMetadata() == null
                        || d.getSpec().getTemplate().getMetadata().getLabels() == null ? null
                                : d.getSpec().getTemplate().getMetadata().getLabels().get(VARIANT_LABEL))
                .filter(v -> v != null).findFirst().orElse(null);
    }

    /** The first 16 hex digits of the SHA-256 of the Deployment's spec as JSON: a label value, stable per spec. */
    public static String specHash(Deployment d) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    SERIALIZATION.asJson(d.getSpec()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The {@link #SPEC_HASH_LABEL} of the Deployment in {@code yaml}; null when there is none. */
    public static String specHashLabel(String yaml) {
        return parseAll(yaml).stream().filter(o -> o instanceof Deployment)
                .map(o -> o.getMetadata().getLabels() == null ? null
                        : o.getMetadata().getLabels().get(SPEC_HASH_LABEL))
                .filter(v -> v != null).findFirst().orElse(null);
    }

    public static String key(HasMetadata o) {
        return o.getKind() + "/" + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }
}
