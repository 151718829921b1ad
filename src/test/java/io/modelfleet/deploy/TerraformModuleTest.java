package io.modelfleet.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import io.modelfleet.catalog.domain.Accelerator;
import io.modelfleet.catalog.domain.Taint;
import io.modelfleet.catalog.dto.HardwareProfileSpec;
import io.modelfleet.catalog.importer.ProfilesDirectory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Terraform cannot run here, so the module is parsed (hcl4j) and cross-checked against the catalog and the code:
 * node groups use hardware from profiles/ with the profiles' device resources and taints, every hardware class
 * has a node group, and the IRSA policy allows exactly the AWS calls cloud.aws makes.
 */
class TerraformModuleTest {

    private static final Path MODULE = Path.of("terraform");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String file) throws Exception {
        return (Map<String, Object>) new HCLParser().parse(MODULE.resolve(file).toFile(), "UTF-8");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> nodeGroups() throws Exception {
        Map<String, Object> locals = (Map<String, Object>) parse("node_groups.tf").get("locals");
        return (Map<String, Map<String, Object>>) locals.get("node_groups");
    }

    private static Map<String, HardwareProfileSpec> profiles() {
        return ProfilesDirectory.read(Path.of("profiles")).hardwareProfiles().stream()
                .collect(Collectors.toMap(HardwareProfileSpec::name, Function.identity()));
    }

    @Test
    void everyTerraformFileParses() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(MODULE)) {
            files = s.filter(p -> p.toString().endsWith(".tf")).sorted().toList();
        }
        assertEquals(List.of("iam.tf", "main.tf", "node_groups.tf", "outputs.tf", "rds.tf", "variables.tf",
                "versions.tf"), files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path file : files) {
            assertNotNull(new HCLParser().parse(file.toFile(), "UTF-8"), file.toString());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void nodeGroupsUseProfilesWithTheirDeviceResourcesAndTaints() throws Exception {
        Map<String, HardwareProfileSpec> profiles = profiles();
        for (Map.Entry<String, Map<String, Object>> group : nodeGroups().entrySet()) {
            List<String> types = (List<String>) group.getValue().get("instance_types");
            assertFalse(types.isEmpty(), group.getKey());
            for (String type : types) {
                HardwareProfileSpec profile = profiles.get(type);
                assertNotNull(profile, "node group " + group.getKey() + " uses " + type + ", which is not in profiles/");
                String resource = (String) group.getValue().get("device_resource");
                assertEquals(profile.resourceName() == null ? "" : profile.resourceName(), resource,
                        "device resource of " + group.getKey());
                String taint = (String) group.getValue().get("taint_key");
                Set<String> profileTaints = profile.taints() == null ? Set.of()
                        : profile.taints().stream().map(Taint::key).collect(Collectors.toSet());
                assertEquals(profileTaints.isEmpty() ? "" : profileTaints.iterator().next(), taint,
                        "taint of " + group.getKey());
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyHardwareClassHasANodeGroupWithSizesAsVariables() throws Exception {
        Map<String, HardwareProfileSpec> profiles = profiles();
        Set<String> classes = new TreeSet<>();
        for (Map<String, Object> group : nodeGroups().values()) {
            classes.add(hardwareClass(profiles.get(((List<String>) group.get("instance_types")).get(0))
                    .accelerator()));
        }
        assertEquals(new TreeSet<>(List.of("CPU", "FPGA", "GPU", "NEURON")), classes);
        Map<String, Object> variables = (Map<String, Object>) parse("variables.tf").get("variable");
        Map<String, Object> sizes = (Map<String, Object>) ((Map<String, Object>) variables.get("node_group_sizes"))
                .get("default");
        assertEquals(nodeGroups().keySet(), sizes.keySet(), "min/max sizes are variables for every node group");
    }

    @Test
    @SuppressWarnings("unchecked")
    void irsaPolicyAllowsExactlyTheAwsCallsModelFleetMakes() throws Exception {
        Map<String, Object> locals = (Map<String, Object>) parse("iam.tf").get("locals");
        assertEquals(Set.of("pricing:GetProducts", "ec2:DescribeSpotPriceHistory",
                "ec2:DescribeInstanceTypeOfferings", "servicequotas:GetServiceQuota", "eks:ListClusters",
                "eks:DescribeCluster", "eks:ListNodegroups", "eks:DescribeNodegroup"),
                new HashSet<>((List<String>) locals.get("modelfleet_actions")));
        assertEquals(List.of("s3:GetObject"), locals.get("artifact_actions"));
        String source = Files.readString(MODULE.resolve("iam.tf"));
        assertFalse(source.contains("\"*:*\"") || source.contains("\"s3:*\"") || source.contains("\"ec2:*\""),
                "no wildcard actions");
        Map<String, Object> resources = (Map<String, Object>) parse("rds.tf").get("resource");
        assertTrue(resources.containsKey("aws_db_instance"), "the control plane's PostgreSQL is provisioned");
        assertTrue(new File("terraform/README.md").exists());
    }

    private static String hardwareClass(Accelerator accelerator) {
        return switch (accelerator) {
            case NVIDIA_T4, NVIDIA_A10G, NVIDIA_L4 -> "GPU";
            case AWS_INFERENTIA, AWS_INFERENTIA2 -> "NEURON";
            case FPGA -> "FPGA";
            case CPU -> "CPU";
        };
    }
}
