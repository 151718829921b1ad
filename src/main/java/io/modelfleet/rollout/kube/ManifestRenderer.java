package io.modelfleet.rollout.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.modelfleet.catalog.domain.CapacityType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a placement as the objects ModelFleet owns: a Deployment per (deployment, precision, hardware), one
 * Service per deployment selecting all its pods, and a PodDisruptionBudget when there are at least two
 * replicas. Pure: no I/O, deterministic output (labels sorted), so YAML fixtures can pin it down.
 */
public final class ManifestRenderer {

    public static final String CONTAINER_PORT_NAME = "http";
    static final int CONTAINER_PORT = 8000;
    static final String READINESS_PATH = "/v2/health/ready";
    static final String MANAGED_BY = "modelfleet";

    private final String capacityTypeLabel;

    /** {@code capacityTypeLabel}: the node label that tells on-demand from spot nodes (Karpenter's by default). */
    public ManifestRenderer(String capacityTypeLabel) {
        this.capacityTypeLabel = capacityTypeLabel;
    }

    public static ManifestRenderer withDefaults() {
        return new ManifestRenderer("karpenter.sh/capacity-type");
    }

    public List<HasMetadata> render(Workload w) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(deployment(w));
        objects.add(service(w));
        if (w.replicas() >= 2) {
            objects.add(disruptionBudget(w));
        }
        return objects;
    }

    /**
     * The Deployment, its metadata labelled {@link Manifests#SPEC_HASH_LABEL} with a hash of its spec (template,
     * replicas, strategy): a GitOps step's availability gate matches it in kube-state-metrics, so a change of
     * anything but the name (a same-name upgrade, new resources, a new replica count) is seen as synced only once
     * the cluster runs exactly this spec. Only the metadata carries it: in the pod template it would restart pods.
     */
    public Deployment deployment(Workload w) {
        Deployment d = unhashed(w);
        d.getMetadata().getLabels().put(Manifests.SPEC_HASH_LABEL, Manifests.specHash(d));
        return d;
    }

    private Deployment unhashed(Workload w) {
        String name = ObjectNames.workload(w.deployment(), w.precision(), w.hardware());
        Map<String, String> selector = Map.of("app.kubernetes.io/instance", name);
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(w.namespace()).withLabels(labels(w, name))
                .withAnnotations(new TreeMap<>(Map.of("modelfleet.io/artifact-uri", w.artifactUri(),
                        "modelfleet.io/version", w.modelVersion()))).endMetadata()
                .withNewSpec()
                .withReplicas(w.replicas())
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate()
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels(w, name)).endMetadata()
                .withNewSpec()
                .withNodeSelector(nodeSelector(w))
                .withTolerations(tolerations(w))
                .addNewContainer()
                .withName("model-server").withImage(w.image())
                .addNewPort().withName(CONTAINER_PORT_NAME).withContainerPort(CONTAINER_PORT).withProtocol("TCP")
                .endPort()
                .addNewEnv().withName("MODEL_URI").withValue(w.artifactUri()).endEnv()
                .addNewEnv().withName("MODEL_SHA256").withValue(w.artifactSha256()).endEnv()
                .addNewEnv().withName("MODEL_VARIANT_ID").withValue(w.variantId()).endEnv()
                .addNewEnv().withName("MODEL_PRECISION").withValue(w.precision().name()).endEnv()
                .addNewEnv().withName("MODEL_BATCH_SIZE").withValue(Integer.toString(w.batchSize())).endEnv()
                .withNewResources().withRequests(resources(w)).withLimits(limits(w)).endResources()
                .withNewReadinessProbe().withNewHttpGet().withPath(READINESS_PATH)
                .withPort(new IntOrString(CONTAINER_PORT_NAME)).endHttpGet()
                .withPeriodSeconds(5).withFailureThreshold(3).endReadinessProbe()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    public Service service(Workload w) {
        return new ServiceBuilder()
                .withNewMetadata().withName(ObjectNames.service(w.deployment())).withNamespace(w.namespace())
                .withLabels(sorted(Map.of("app.kubernetes.io/name", w.deployment(),
                        "app.kubernetes.io/managed-by", MANAGED_BY, "modelfleet.io/deployment", w.deployment())))
                .endMetadata()
                .withNewSpec().withType("ClusterIP")
                .withSelector(Map.of("modelfleet.io/deployment", w.deployment()))
                .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString(CONTAINER_PORT_NAME))
                .withProtocol("TCP").endPort()
                .endSpec().build();
    }

    public PodDisruptionBudget disruptionBudget(Workload w) {
        String name = ObjectNames.workload(w.deployment(), w.precision(), w.hardware());
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName(name).withNamespace(w.namespace()).withLabels(labels(w, name))
                .endMetadata()
                .withNewSpec().withMaxUnavailable(new IntOrString(1))
                .withNewSelector().withMatchLabels(Map.of("app.kubernetes.io/instance", name)).endSelector()
                .endSpec().build();
    }

    private static Map<String, String> labels(Workload w, String name) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("app.kubernetes.io/name", w.deployment());
        labels.put("app.kubernetes.io/instance", name);
        labels.put("app.kubernetes.io/version", labelValue(w.modelVersion()));
        labels.put("app.kubernetes.io/component", "inference");
        labels.put("app.kubernetes.io/part-of", w.model());
        labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
        labels.put("modelfleet.io/deployment", w.deployment());
        labels.put(Manifests.VARIANT_LABEL, w.variantId());
        labels.put("modelfleet.io/precision", w.precision().name().toLowerCase(Locale.ROOT));
        labels.put("modelfleet.io/hardware", w.hardware());
        return labels;
    }

    /**
     * A label value from free text: label values allow only [A-Za-z0-9._-], at most 63 characters, starting and
     * ending alphanumeric; a version such as 2.1.0+cu121 becomes 2.1.0_cu121. The exact version is kept in the
     * modelfleet.io/version annotation.
     */
    static String labelValue(String raw) {
        String value = raw.replaceAll("[^A-Za-z0-9._-]", "_");
        if (value.length() > 63) {
            value = value.substring(0, 63);
        }
        return value.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
    }

    private Map<String, String> nodeSelector(Workload w) {
        Map<String, String> selector = new TreeMap<>(w.nodeLabels());
        selector.put("node.kubernetes.io/instance-type", w.hardware());
        selector.put(capacityTypeLabel, capacityValue(w.capacityType()));
        return selector;
    }

    /** EKS managed node groups spell capacity types ON_DEMAND/SPOT; Karpenter spells them on-demand/spot. */
    private String capacityValue(CapacityType type) {
        if (capacityTypeLabel.startsWith("eks.amazonaws.com/")) {
            return type.name();
        }
        return type == CapacityType.SPOT ? "spot" : "on-demand";
    }

    private static List<Toleration> tolerations(Workload w) {
        return w.taints().stream().map(t -> new TolerationBuilder().withKey(t.key())
                .withOperator(t.value() == null ? "Exists" : "Equal").withValue(t.value())
                .withEffect(t.effect().kubernetesName()).build()).toList();
    }

    private static Map<String, Quantity> resources(Workload w) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        requests.put("cpu", new Quantity(Math.round(w.vcpusPerReplica() * 1000) + "m"));
        requests.put("memory", new Quantity(Math.round(w.memoryGiBPerReplica() * 1024) + "Mi"));
        if (w.acceleratorsPerReplica() > 0 && w.resourceName() != null) {
            requests.put(w.resourceName(), new Quantity(Integer.toString(w.acceleratorsPerReplica())));
        }
        return requests;
    }

    /** Memory and extended resources are limited to the request; CPU is not limited, to avoid throttling. */
    private static Map<String, Quantity> limits(Workload w) {
        Map<String, Quantity> limits = new LinkedHashMap<>(resources(w));
        limits.remove("cpu");
        return limits;
    }

    private static Map<String, String> sorted(Map<String, String> labels) {
        return new TreeMap<>(labels);
    }
}
