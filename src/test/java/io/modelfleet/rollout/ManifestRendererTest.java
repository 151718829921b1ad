package io.modelfleet.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.modelfleet.catalog.domain.Precision;
import io.modelfleet.rollout.kube.ManifestRenderer;
import io.modelfleet.rollout.kube.ManifestYaml;
import io.modelfleet.rollout.kube.ObjectNames;
import io.modelfleet.rollout.kube.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The rendered objects are pinned by YAML fixtures (src/test/resources/fixtures/rollout), reviewed by hand:
 * extended resource requests and limits, node selectors for instance and capacity type, tolerations, labels,
 * artifact environment and readiness probe. Regenerate with -Dfixtures.update=true and review the diff.
 */
class ManifestRendererTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/rollout");
    private final ManifestRenderer renderer = ManifestRenderer.withDefaults();

    static Stream<Arguments> workloads() {
        return Stream.of(Arguments.of("t4", Workloads.t4()), Arguments.of("inferentia", Workloads.inferentia()),
                Arguments.of("cpu", Workloads.cpu()), Arguments.of("fpga", Workloads.fpga()),
                Arguments.of("spot", Workloads.spot()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void renderedObjectsMatchTheFixture(String name, Workload workload) throws IOException {
        String yaml = ManifestYaml.of(renderer.render(workload));
        Path fixture = FIXTURES.resolve(name + ".yaml");
        if (Boolean.getBoolean("fixtures.update")) {
            Files.writeString(fixture, yaml);
        }
        assertEquals(Files.readString(fixture), yaml);
    }

    @Test
    void pdbOnlyFromTwoReplicas() {
        assertEquals(List.of("Deployment", "Service"), kinds(renderer.render(Workloads.cpu())));
        assertEquals(List.of("Deployment", "Service", "PodDisruptionBudget"), kinds(renderer.render(Workloads.t4())));
    }

    @Test
    void sameHardwareAndPrecisionKeepsTheNameSoAnUpgradeRollsInPlace() {
        Workload v1 = Workloads.t4();
        Deployment d = renderer.deployment(v1);
        assertEquals("resnet-prod-int8-g4dn-xlarge", d.getMetadata().getName());
        assertEquals(d.getMetadata().getName(), ObjectNames.workload("resnet-prod", Precision.INT8, "g4dn.xlarge"));
        assertEquals("resnet-prod-bf16-inf2-xlarge", ObjectNames.workload("resnet-prod", Precision.BF16, "inf2.xlarge"));
        String longName = ObjectNames.workload("a-very-long-deployment-name-that-keeps-going-and-going", Precision.FP32,
                "g4dn.12xlarge");
        assertEquals(63, longName.length());
    }

    @Test
    void aVersionThatIsNoValidLabelValueIsSanitisedAndKeptExactlyInAnAnnotation() {
        Workload w = Workloads.t4();
        Workload odd = new Workload(w.deployment(), w.cluster(), w.namespace(), w.model(), "2.1.0+cu121",
                w.variantId(), w.precision(), w.hardware(), w.capacityType(), w.image(), w.artifactUri(),
                w.artifactSha256(), w.batchSize(), w.replicas(), w.acceleratorsPerReplica(), w.resourceName(),
                w.vcpusPerReplica(), w.memoryGiBPerReplica(), w.nodeLabels(), w.taints());
        Deployment d = renderer.deployment(odd);
        assertEquals("2.1.0_cu121", d.getMetadata().getLabels().get("app.kubernetes.io/version"));
        assertEquals("2.1.0+cu121", d.getMetadata().getAnnotations().get("modelfleet.io/version"));
    }

    @Test
    void capacityTypeValuesFollowTheLabelsConvention() {
        var eks = new ManifestRenderer("eks.amazonaws.com/capacityType").deployment(Workloads.spot());
        assertEquals("SPOT", eks.getSpec().getTemplate().getSpec().getNodeSelector()
                .get("eks.amazonaws.com/capacityType"));
        var karpenter = renderer.deployment(Workloads.spot());
        assertEquals("spot", karpenter.getSpec().getTemplate().getSpec().getNodeSelector()
                .get("karpenter.sh/capacity-type"));
    }

    /** The GITOPS availability gate matches this label: it must tell every spec apart and never restart pods. */
    @Test
    void theDeploymentCarriesAHashOfItsSpecThatChangesWithTheSpecButNotOnItsPods() {
        Workload w = Workloads.t4();
        Deployment d = renderer.deployment(w);
        String hash = d.getMetadata().getLabels().get(io.modelfleet.rollout.kube.Manifests.SPEC_HASH_LABEL);
        assertTrue(hash.matches("[0-9a-f]{16}"), hash);
        assertEquals(hash, io.modelfleet.rollout.kube.Manifests.specHash(d), "the hash of the spec it labels");
        assertEquals(hash, renderer.deployment(w).getMetadata().getLabels()
                .get(io.modelfleet.rollout.kube.Manifests.SPEC_HASH_LABEL), "the same spec, the same hash");
        assertFalse(d.getSpec().getTemplate().getMetadata().getLabels()
                .containsKey(io.modelfleet.rollout.kube.Manifests.SPEC_HASH_LABEL), "not on the pod template");
        Workload v2 = new Workload(w.deployment(), w.cluster(), w.namespace(), w.model(), "2.0.0", "variant-2",
                w.precision(), w.hardware(), w.capacityType(), w.image(), w.artifactUri(), w.artifactSha256(),
                w.batchSize(), w.replicas(), w.acceleratorsPerReplica(), w.resourceName(), w.vcpusPerReplica(),
                w.memoryGiBPerReplica(), w.nodeLabels(), w.taints());
        Workload scaled = new Workload(w.deployment(), w.cluster(), w.namespace(), w.model(), w.modelVersion(),
                w.variantId(), w.precision(), w.hardware(), w.capacityType(), w.image(), w.artifactUri(),
                w.artifactSha256(), w.batchSize(), w.replicas() + 1, w.acceleratorsPerReplica(), w.resourceName(),
                w.vcpusPerReplica(), w.memoryGiBPerReplica(), w.nodeLabels(), w.taints());
        assertEquals(d.getMetadata().getName(), renderer.deployment(v2).getMetadata().getName());
        for (Workload other : List.of(v2, scaled)) {
            assertFalse(hash.equals(renderer.deployment(other).getMetadata().getLabels()
                    .get(io.modelfleet.rollout.kube.Manifests.SPEC_HASH_LABEL)), "a new version or replica count");
        }
    }

    @Test
    void renderingIsDeterministic() {
        assertEquals(ManifestYaml.of(renderer.render(Workloads.inferentia())),
                ManifestYaml.of(renderer.render(Workloads.inferentia())));
    }

    private static List<String> kinds(List<HasMetadata> objects) {
        return objects.stream().map(HasMetadata::getKind).toList();
    }
}
