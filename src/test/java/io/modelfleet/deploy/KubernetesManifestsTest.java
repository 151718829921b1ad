package io.modelfleet.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parses and cross-checks the manifests under {@code k8s/} that run ModelFleet itself. No API server is
 * involved: the files are read as YAML (multi-document files included) and checked against each other and
 * against what the application needs (ports, health paths, Secrets, RBAC).
 *
 * <p>Paths are relative to the project directory, which is Surefire's working directory.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final Path BASE = K8S.resolve("base");
    private static final Path OVERLAYS = K8S.resolve("overlays");
    private static final Path PRODUCTION = OVERLAYS.resolve("production");
    private static final Path EXAMPLES = K8S.resolve("examples");

    private static final String IMAGE_NAME = "ghcr.io/modelfleet/modelfleet";
    private static final String IMAGE_TAG = "0.1.0";
    private static final int HTTP_PORT = 8080;

    /** The Secrets and keys that k8s/README.md documents; no other Secret or key may be referenced. */
    private static final Map<String, Set<String>> DOCUMENTED_SECRET_KEYS = Map.of(
            "modelfleet-db", Set.of("host", "port", "database", "username", "password"),
            "modelfleet-admin", Set.of("token"));

    /** Verbs rollouts need on the objects they own (server-side apply is PATCH; scale-away is PATCH). */
    private static final List<String> MANAGE_VERBS =
            List.of("get", "list", "watch", "create", "update", "patch", "delete");

    /** Verbs leader election needs on its Lease (it is never deleted). */
    private static final List<String> LEASE_VERBS =
            List.of("get", "list", "watch", "create", "update", "patch");

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final Pattern SECRET_KIND =
            Pattern.compile("(?m)^\\s*(-\\s*)?kind:\\s*[\"']?Secret[\"']?\\s*(#.*)?$");
    private static final Pattern MEMORY = Pattern.compile("(\\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?");

    private static final YAMLMapper YAML = new YAMLMapper();

    /** Every document of every resource listed in k8s/base/kustomization.yaml. */
    private static List<Manifest> base;

    private record Manifest(Path file, JsonNode doc) {
        String kind() {
            return doc.path("kind").asText();
        }

        String name() {
            return doc.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return kind() + "/" + name() + " (" + file + ")";
        }
    }

    private record Permission(String apiGroup, String resource, String verb) {
        @Override
        public String toString() {
            return (apiGroup.isEmpty() ? "core" : apiGroup) + "/" + resource + ":" + verb;
        }
    }

    @BeforeAll
    static void parseBase() throws IOException {
        base = new ArrayList<>();
        for (String resource : listedResources(BASE)) {
            Path file = BASE.resolve(resource);
            if (Files.isRegularFile(file)) { // a missing file is reported by its own test
                for (JsonNode doc : readDocuments(file)) {
                    base.add(new Manifest(file, doc));
                }
            }
        }
    }

    // ---------------------------------------------------------------- kustomization

    @Test
    void everyListedResourceExistsAndEveryBaseFileIsListed() throws IOException {
        List<String> listed = listedResources(BASE);
        assertFalse(listed.isEmpty(), "k8s/base/kustomization.yaml lists no resources");
        assertEquals(listed.size(), new HashSet<>(listed).size(), "a resource is listed twice: " + listed);
        for (String resource : listed) {
            assertTrue(Files.isRegularFile(BASE.resolve(resource)),
                    "k8s/base/kustomization.yaml lists a missing file: " + BASE.resolve(resource));
        }
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(BASE)) {
            onDisk = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") || name.endsWith(".yml"))
                    .filter(name -> !name.equals("kustomization.yaml") && !name.equals("kustomization.yml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(onDisk, new TreeSet<>(listed),
                "the YAML files in k8s/base and the resources of its kustomization.yaml must be the same set");
        assertFalse(base.isEmpty(), "k8s/base holds no Kubernetes objects");
        for (Manifest manifest : base) {
            assertFalse(manifest.kind().isBlank(), "an object without kind in " + manifest.file());
            assertFalse(manifest.name().isBlank(), "an object without metadata.name in " + manifest.file());
            assertFalse(manifest.doc().path("metadata").has("namespace"),
                    "the base is namespace-less, but " + manifest + " sets metadata.namespace");
        }
    }

    @Test
    void imageIsSetThroughKustomizeImagesSoUsersCanOverrideIt() throws IOException {
        JsonNode kustomization = onlyDocument(BASE.resolve("kustomization.yaml"));
        JsonNode entry = null;
        for (JsonNode image : kustomization.path("images")) {
            if (IMAGE_NAME.equals(image.path("name").asText())) {
                entry = image;
            }
        }
        assertNotNull(entry, "k8s/base/kustomization.yaml has no images entry for " + IMAGE_NAME);
        assertEquals(IMAGE_TAG, entry.path("newTag").asText(), "images[" + IMAGE_NAME + "].newTag");
        String image = container().path("image").asText();
        assertTrue(image.equals(IMAGE_NAME) || image.startsWith(IMAGE_NAME + ":") || image.startsWith(IMAGE_NAME + "@"),
                "the container image must be " + IMAGE_NAME + " so that the kustomize images entry applies, not "
                        + image);
    }

    // ---------------------------------------------------------------- Deployment

    @Test
    void deploymentRunsTwoReplicasAndNeverDropsOneDuringAnUpdate() {
        JsonNode spec = only("Deployment").doc().path("spec");
        assertTrue(spec.path("replicas").isInt(), "spec.replicas must be an integer");
        assertEquals(2, spec.path("replicas").asInt(), "spec.replicas");
        assertEquals("RollingUpdate", spec.path("strategy").path("type").asText(), "strategy.type");
        JsonNode rolling = spec.path("strategy").path("rollingUpdate");
        assertEquals("0", rolling.path("maxUnavailable").asText(), "rollingUpdate.maxUnavailable");
        assertEquals("1", rolling.path("maxSurge").asText(), "rollingUpdate.maxSurge");
    }

    @Test
    void probesHitTheQuarkusHealthEndpointsOnThePortNamedHttp() {
        JsonNode container = container();
        JsonNode http = null;
        for (JsonNode port : container.path("ports")) {
            if ("http".equals(port.path("name").asText())) {
                http = port;
            }
        }
        assertNotNull(http, "the container declares no port named http");
        assertEquals(HTTP_PORT, http.path("containerPort").asInt(), "containerPort of the port named http");
        assertProbe(container, "livenessProbe", "/q/health/live");
        assertProbe(container, "readinessProbe", "/q/health/ready");
        assertProbe(container, "startupProbe", "/q/health/started");
    }

    @Test
    void containerDeclaresResourceRequestsAndLimits() {
        JsonNode resources = container().path("resources");
        String cpuRequest = resources.path("requests").path("cpu").asText();
        String memoryRequest = resources.path("requests").path("memory").asText();
        String memoryLimit = resources.path("limits").path("memory").asText();
        assertFalse(cpuRequest.isBlank(), "resources.requests.cpu is not set");
        assertFalse(memoryRequest.isBlank(), "resources.requests.memory is not set");
        assertFalse(memoryLimit.isBlank(), "resources.limits.memory is not set");
        assertTrue(bytes(memoryLimit) >= bytes(memoryRequest),
                "memory limit " + memoryLimit + " is below the request " + memoryRequest);
    }

    @Test
    void podRunsLockedDownWithOnlyAnEmptyDirAtTmpWritable() {
        JsonNode pod = podSpec();
        JsonNode podSecurity = pod.path("securityContext");
        assertTrue(podSecurity.path("runAsNonRoot").asBoolean(false), "pod securityContext.runAsNonRoot");
        assertEquals("RuntimeDefault", podSecurity.path("seccompProfile").path("type").asText(),
                "pod securityContext.seccompProfile.type");

        JsonNode security = container().path("securityContext");
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean(false), "readOnlyRootFilesystem");
        assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), "allowPrivilegeEscalation");
        assertFalse(security.path("privileged").asBoolean(false), "privileged");
        List<String> dropped = new ArrayList<>();
        security.path("capabilities").path("drop").forEach(capability -> dropped.add(capability.asText()));
        assertEquals(List.of("ALL"), dropped, "capabilities.drop");
        assertFalse(security.path("capabilities").has("add"), "no capabilities may be added");

        String tmpVolume = null;
        for (JsonNode mount : container().path("volumeMounts")) {
            if ("/tmp".equals(mount.path("mountPath").asText())) {
                tmpVolume = mount.path("name").asText();
            }
        }
        assertNotNull(tmpVolume, "nothing is mounted at /tmp, but the root filesystem is read-only");
        JsonNode volume = null;
        for (JsonNode candidate : pod.path("volumes")) {
            if (tmpVolume.equals(candidate.path("name").asText())) {
                volume = candidate;
            }
        }
        assertNotNull(volume, "the volume mounted at /tmp (" + tmpVolume + ") is not declared");
        assertTrue(volume.has("emptyDir"), "the volume at /tmp must be an emptyDir");

        assertTrue(pod.path("terminationGracePeriodSeconds").isInt(), "terminationGracePeriodSeconds is not set");
    }

    @Test
    void podIsScrapedByPrometheusAndPrefersDifferentNodes() {
        JsonNode template = only("Deployment").doc().path("spec").path("template");
        JsonNode annotations = template.path("metadata").path("annotations");
        assertEquals("true", annotations.path("prometheus.io/scrape").asText(), "prometheus.io/scrape");
        assertEquals(String.valueOf(HTTP_PORT), annotations.path("prometheus.io/port").asText(), "prometheus.io/port");
        assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText(), "prometheus.io/path");

        JsonNode labels = template.path("metadata").path("labels");
        boolean byHostname = false;
        for (JsonNode term : template.path("spec").path("affinity").path("podAntiAffinity")
                .path("preferredDuringSchedulingIgnoredDuringExecution")) {
            JsonNode affinityTerm = term.path("podAffinityTerm");
            if ("kubernetes.io/hostname".equals(affinityTerm.path("topologyKey").asText())) {
                byHostname = true;
                assertSelects(labels, affinityTerm.path("labelSelector").path("matchLabels"),
                        "the pod anti-affinity selector");
            }
        }
        assertTrue(byHostname, "no preferred pod anti-affinity on kubernetes.io/hostname");
    }

    @Test
    void podRunsAsTheServiceAccountDefinedInBase() {
        String account = only("ServiceAccount").name();
        assertEquals(account, podSpec().path("serviceAccountName").asText(),
                "spec.template.spec.serviceAccountName must name the ServiceAccount in k8s/base");
    }

    // ---------------------------------------------------------------- environment and Secrets

    @Test
    void secretReferencesUseOnlyTheDocumentedSecretsAndKeys() {
        Set<String> documented = new TreeSet<>();
        DOCUMENTED_SECRET_KEYS.forEach((secret, keys) -> keys.forEach(key -> documented.add(secret + "/" + key)));

        Set<String> referenced = new TreeSet<>();
        for (Manifest manifest : base) {
            for (JsonNode ref : findAll(manifest.doc(), "secretKeyRef")) {
                String secretKey = ref.path("name").asText() + "/" + ref.path("key").asText();
                assertTrue(documented.contains(secretKey),
                        manifest + " references " + secretKey + ", which is not one of the documented " + documented);
                referenced.add(secretKey);
            }
            assertTrue(findAll(manifest.doc(), "secretRef").isEmpty(),
                    manifest + " imports a whole Secret (envFrom.secretRef); reference single keys with secretKeyRef");
        }
        assertEquals(documented, referenced, "the Deployment should take every documented Secret key");
    }

    @Test
    void databaseAndAdminCredentialsComeFromTheirSecrets() {
        Map<String, JsonNode> env = env();
        assertSecretKeyRef(env, "DB_HOST", "modelfleet-db", "host");
        assertSecretKeyRef(env, "DB_PORT", "modelfleet-db", "port");
        assertSecretKeyRef(env, "DB_NAME", "modelfleet-db", "database");
        assertSecretKeyRef(env, "QUARKUS_DATASOURCE_USERNAME", "modelfleet-db", "username");
        assertSecretKeyRef(env, "QUARKUS_DATASOURCE_PASSWORD", "modelfleet-db", "password");
        assertSecretKeyRef(env, "MODELFLEET_ADMIN_TOKEN", "modelfleet-admin", "token");
        assertEquals("postgresql://$(DB_HOST):$(DB_PORT)/$(DB_NAME)",
                value(env, "QUARKUS_DATASOURCE_REACTIVE_URL"), "QUARKUS_DATASOURCE_REACTIVE_URL");
        assertEquals("jdbc:postgresql://$(DB_HOST):$(DB_PORT)/$(DB_NAME)",
                value(env, "QUARKUS_DATASOURCE_JDBC_URL"), "QUARKUS_DATASOURCE_JDBC_URL");
    }

    @Test
    void envVarsExpandOnlyVariablesDeclaredBeforeThem() {
        List<String> declared = new ArrayList<>();
        for (JsonNode variable : container().path("env")) {
            String name = variable.path("name").asText();
            Matcher reference = ENV_REFERENCE.matcher(variable.path("value").asText());
            while (reference.find()) {
                assertTrue(declared.contains(reference.group(1)),
                        name + " uses $(" + reference.group(1) + "), which is not declared before it; Kubernetes"
                                + " would pass the text through unexpanded");
            }
            declared.add(name);
        }
    }

    @Test
    void embeddedPostgresIsDisabledAndTheProdProfileSelected() {
        Map<String, JsonNode> env = env();
        JsonNode embedded = variable(env, "MODELFLEET_EMBEDDED_POSTGRES_ENABLED").path("value");
        assertTrue(embedded.isTextual(), "MODELFLEET_EMBEDDED_POSTGRES_ENABLED must be the quoted string \"false\"");
        assertEquals("false", embedded.asText(), "MODELFLEET_EMBEDDED_POSTGRES_ENABLED");
        assertEquals("prod", value(env, "QUARKUS_PROFILE"), "QUARKUS_PROFILE");
    }

    @Test
    void rolloutNamespaceAndLeaseIdentityComeFromTheDownwardApi() {
        Map<String, JsonNode> env = env();
        assertEquals("metadata.namespace", variable(env, "MODELFLEET_ROLLOUT_NAMESPACE")
                .path("valueFrom").path("fieldRef").path("fieldPath").asText(), "MODELFLEET_ROLLOUT_NAMESPACE");
        assertEquals("metadata.name", variable(env, "MODELFLEET_POD_NAME")
                .path("valueFrom").path("fieldRef").path("fieldPath").asText(), "MODELFLEET_POD_NAME");
    }

    @Test
    void baseAndOverlaysShipNoSecrets() throws IOException {
        for (Path dir : List.of(BASE, OVERLAYS)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            for (Path file : files) {
                assertFalse(SECRET_KIND.matcher(Files.readString(file)).find(), file + " contains a kind: Secret");
                if (file.getFileName().toString().startsWith("kustomization.")) {
                    assertFalse(onlyDocument(file).has("secretGenerator"), file + " generates a Secret");
                }
            }
        }
        for (Manifest manifest : base) {
            assertNotEquals("Secret", manifest.kind(), manifest + " is a Secret");
        }
    }

    // ---------------------------------------------------------------- Service and PodDisruptionBudget

    @Test
    void serviceDeploymentAndDisruptionBudgetSelectThePodTemplate() {
        JsonNode deployment = only("Deployment").doc();
        JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
        assertSelects(labels, only("Service").doc().path("spec").path("selector"), "the Service selector");
        assertSelects(labels, deployment.path("spec").path("selector").path("matchLabels"),
                "the Deployment selector");
        assertSelects(labels, only("PodDisruptionBudget").doc().path("spec").path("selector").path("matchLabels"),
                "the PodDisruptionBudget selector");
    }

    @Test
    void serviceExposesPort80OnTheContainersHttpPort() {
        JsonNode spec = only("Service").doc().path("spec");
        String type = spec.has("type") ? spec.get("type").asText() : "ClusterIP"; // ClusterIP is the default
        assertEquals("ClusterIP", type, "Service type");
        JsonNode ports = spec.path("ports");
        assertEquals(1, ports.size(), "the Service exposes one port");
        JsonNode port = ports.get(0);
        assertEquals("http", port.path("name").asText(), "Service port name");
        assertEquals(80, port.path("port").asInt(), "Service port");
        JsonNode target = port.path("targetPort");
        assertTrue(target.isTextual() ? "http".equals(target.asText()) : target.asInt() == HTTP_PORT,
                "the Service must target the container port http (" + HTTP_PORT + "), not " + target);
    }

    @Test
    void disruptionBudgetKeepsOneReplicaAvailable() {
        JsonNode spec = only("PodDisruptionBudget").doc().path("spec");
        assertEquals("1", spec.path("minAvailable").asText(), "PodDisruptionBudget minAvailable");
        assertFalse(spec.has("maxUnavailable"), "set minAvailable or maxUnavailable, not both");
    }

    // ---------------------------------------------------------------- RBAC

    @Test
    void rbacGrantsExactlyWhatRolloutsNeed() {
        Set<Permission> expected = new HashSet<>();
        for (String verb : MANAGE_VERBS) {
            expected.add(new Permission("apps", "deployments", verb));
            expected.add(new Permission("", "services", verb));
            expected.add(new Permission("policy", "poddisruptionbudgets", verb));
        }
        for (String verb : LEASE_VERBS) {
            expected.add(new Permission("coordination.k8s.io", "leases", verb));
        }
        // Cluster-target credentials referenced as secret:<namespace>/<name>: read-only, own namespace.
        expected.add(new Permission("", "secrets", "get"));
        Set<Permission> granted = permissions(all("Role", "ClusterRole"));

        Set<Permission> extra = new HashSet<>(granted);
        extra.removeAll(expected);
        Set<Permission> missing = new HashSet<>(expected);
        missing.removeAll(granted);
        assertTrue(extra.isEmpty() && missing.isEmpty(),
                "RBAC in k8s/base must grant exactly what rollouts, leader election and target credentials need;"
                        + " extra="
                        + sorted(extra) + " missing=" + sorted(missing));
    }

    @Test
    void noRbacRuleUsesAWildcardOrANonResourceUrl() {
        List<Manifest> roles = all("Role", "ClusterRole");
        assertFalse(roles.isEmpty(), "k8s/base defines no Role or ClusterRole");
        for (Manifest role : roles) {
            assertFalse(role.doc().has("aggregationRule"), role + " aggregates other roles' rules");
            for (JsonNode rule : role.doc().path("rules")) {
                for (String field : List.of("apiGroups", "resources", "verbs")) {
                    assertTrue(rule.path(field).isArray() && rule.path(field).size() > 0,
                            role + " has a rule without " + field + ": " + rule);
                }
                for (String field : List.of("apiGroups", "resources", "verbs", "resourceNames")) {
                    for (JsonNode value : rule.path(field)) {
                        assertFalse(value.asText().contains("*"), role + " uses a wildcard in " + field + ": " + rule);
                    }
                }
                assertFalse(rule.has("nonResourceURLs"), role + " grants non-resource URLs: " + rule);
            }
        }
    }

    @Test
    void leaseAccessIsGrantedOnlyInModelFleetsOwnNamespace() {
        for (Permission permission : permissions(all("ClusterRole"))) {
            assertNotEquals("leases", permission.resource(),
                    "leases must come from a namespaced Role, not a ClusterRole: " + permission);
        }
        assertTrue(permissions(all("Role")).stream().anyMatch(permission -> permission.resource().equals("leases")),
                "no namespaced Role grants access to leases for leader election");
    }

    @Test
    void everyBindingRefersToARoleInBaseAndToTheServiceAccount() {
        String account = only("ServiceAccount").name();
        Set<String> roles = all("Role", "ClusterRole").stream()
                .map(role -> role.kind() + "/" + role.name())
                .collect(Collectors.toCollection(TreeSet::new));
        List<Manifest> bindings = all("RoleBinding", "ClusterRoleBinding");
        assertFalse(bindings.isEmpty(), "k8s/base binds no role to the ServiceAccount");

        Set<String> bound = new TreeSet<>();
        for (Manifest binding : bindings) {
            JsonNode roleRef = binding.doc().path("roleRef");
            assertEquals("rbac.authorization.k8s.io", roleRef.path("apiGroup").asText(), binding + " roleRef.apiGroup");
            String target = roleRef.path("kind").asText() + "/" + roleRef.path("name").asText();
            assertTrue(roles.contains(target), binding + " refers to " + target + ", which k8s/base does not define");
            if (binding.kind().equals("ClusterRoleBinding")) {
                assertEquals("ClusterRole", roleRef.path("kind").asText(), binding + " must refer to a ClusterRole");
            }
            bound.add(target);

            JsonNode subjects = binding.doc().path("subjects");
            assertEquals(1, subjects.size(), binding + " must have exactly one subject, the ServiceAccount");
            JsonNode subject = subjects.get(0);
            assertEquals("ServiceAccount", subject.path("kind").asText(), binding + " subject kind");
            assertEquals(account, subject.path("name").asText(), binding + " subject name");
            if (binding.kind().equals("ClusterRoleBinding")) {
                assertFalse(subject.path("namespace").asText().isBlank(),
                        binding + ": a ServiceAccount subject of a ClusterRoleBinding needs a namespace");
            }
        }
        assertEquals(roles, bound, "every Role and ClusterRole in k8s/base should be bound");
    }

    // ---------------------------------------------------------------- overlay and examples

    @Test
    void productionOverlayPutsTheBaseIntoTheModelfleetNamespace() throws IOException {
        JsonNode kustomization = onlyDocument(PRODUCTION.resolve("kustomization.yaml"));
        assertEquals("modelfleet", kustomization.path("namespace").asText(), "production overlay namespace");
        List<String> resources = listedResources(PRODUCTION);
        assertTrue(resources.contains("../../base"), "the production overlay must build on ../../base");
        assertTrue(resources.contains("namespace.yaml"), "the production overlay must create its Namespace");
        for (String resource : resources) {
            assertTrue(Files.exists(PRODUCTION.resolve(resource)), "missing overlay resource " + resource);
        }
        JsonNode namespace = onlyDocument(PRODUCTION.resolve("namespace.yaml"));
        assertEquals("Namespace", namespace.path("kind").asText(), "namespace.yaml kind");
        assertEquals("modelfleet", namespace.path("metadata").path("name").asText(), "namespace.yaml name");
    }

    @Test
    void exampleSecretsCarryExactlyTheDocumentedKeysWithPlaceholderValues() throws IOException {
        Map<String, Set<String>> keys = new HashMap<>();
        for (JsonNode secret : readDocuments(EXAMPLES.resolve("secrets.example.yaml"))) {
            assertEquals("Secret", secret.path("kind").asText(), "secrets.example.yaml holds only Secrets");
            String name = secret.path("metadata").path("name").asText();
            Set<String> secretKeys = new HashSet<>();
            for (Map.Entry<String, JsonNode> entry : secret.path("stringData").properties()) {
                secretKeys.add(entry.getKey());
            }
            assertNull(keys.put(name, secretKeys), "Secret " + name + " is defined twice");
        }
        assertEquals(DOCUMENTED_SECRET_KEYS, keys, "the example Secrets must match the documented Secrets and keys");
        for (JsonNode secret : readDocuments(EXAMPLES.resolve("secrets.example.yaml"))) {
            for (String credential : List.of("password", "token")) {
                JsonNode value = secret.path("stringData").path(credential);
                if (!value.isMissingNode()) {
                    assertTrue(value.asText().contains("CHANGE-ME"),
                            "the example " + credential + " must be an obvious placeholder, not " + value.asText());
                }
            }
        }
    }

    @Test
    void namespacedRoleBindingExampleBindsTheRolloutsClusterRoleToTheServiceAccount() throws IOException {
        JsonNode binding = onlyDocument(EXAMPLES.resolve("namespaced-rolebinding.yaml"));
        assertEquals("RoleBinding", binding.path("kind").asText(), "the tighter alternative is a RoleBinding");
        assertFalse(binding.path("metadata").path("namespace").asText().isBlank(),
                "the example RoleBinding must name the serving namespace it grants access in");
        JsonNode roleRef = binding.path("roleRef");
        assertEquals("ClusterRole", roleRef.path("kind").asText(), "example roleRef.kind");
        Set<String> clusterRoles = all("ClusterRole").stream().map(Manifest::name).collect(Collectors.toSet());
        assertTrue(clusterRoles.contains(roleRef.path("name").asText()),
                "the example refers to ClusterRole " + roleRef.path("name").asText() + ", not defined in k8s/base");
        JsonNode subject = binding.path("subjects").path(0);
        assertEquals("ServiceAccount", subject.path("kind").asText(), "example subject kind");
        assertEquals(only("ServiceAccount").name(), subject.path("name").asText(), "example subject name");
        assertEquals(onlyDocument(PRODUCTION.resolve("kustomization.yaml")).path("namespace").asText(),
                subject.path("namespace").asText(), "example subject namespace = the production overlay's namespace");
    }

    // ---------------------------------------------------------------- helpers

    private static List<JsonNode> readDocuments(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (iterator.hasNextValue()) {
                JsonNode document = iterator.nextValue();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    private static JsonNode onlyDocument(Path file) throws IOException {
        List<JsonNode> documents = readDocuments(file);
        assertEquals(1, documents.size(), file + " should hold exactly one YAML document");
        return documents.get(0);
    }

    private static List<String> listedResources(Path kustomizationDir) throws IOException {
        List<String> resources = new ArrayList<>();
        onlyDocument(kustomizationDir.resolve("kustomization.yaml")).path("resources")
                .forEach(resource -> resources.add(resource.asText()));
        return resources;
    }

    private static List<Manifest> all(String... kinds) {
        Set<String> wanted = Set.of(kinds);
        return base.stream().filter(manifest -> wanted.contains(manifest.kind())).toList();
    }

    private static Manifest only(String kind) {
        List<Manifest> found = all(kind);
        assertEquals(1, found.size(), "expected exactly one " + kind + " in k8s/base, found " + found);
        return found.get(0);
    }

    private static JsonNode podSpec() {
        return only("Deployment").doc().path("spec").path("template").path("spec");
    }

    private static JsonNode container() {
        JsonNode containers = podSpec().path("containers");
        assertEquals(1, containers.size(), "the ModelFleet pod runs exactly one container");
        return containers.get(0);
    }

    /** The container's env, in declaration order. */
    private static Map<String, JsonNode> env() {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        for (JsonNode variable : container().path("env")) {
            String name = variable.path("name").asText();
            assertNull(env.put(name, variable), "env var " + name + " is declared twice");
        }
        return env;
    }

    private static JsonNode variable(Map<String, JsonNode> env, String name) {
        JsonNode variable = env.get(name);
        assertNotNull(variable, "the container does not set " + name);
        return variable;
    }

    private static String value(Map<String, JsonNode> env, String name) {
        JsonNode value = variable(env, name).path("value");
        assertTrue(value.isTextual(), name + " must have a literal string value");
        return value.asText();
    }

    private static void assertSecretKeyRef(Map<String, JsonNode> env, String name, String secret, String key) {
        JsonNode ref = variable(env, name).path("valueFrom").path("secretKeyRef");
        assertEquals(secret, ref.path("name").asText(), name + " secretKeyRef.name");
        assertEquals(key, ref.path("key").asText(), name + " secretKeyRef.key");
    }

    private static void assertProbe(JsonNode container, String probe, String path) {
        JsonNode httpGet = container.path(probe).path("httpGet");
        assertFalse(httpGet.isMissingNode(), probe + " must be an httpGet probe");
        assertEquals(path, httpGet.path("path").asText(), probe + " path");
        JsonNode port = httpGet.path("port");
        boolean onHttpPort = port.isTextual()
                ? "http".equals(port.asText())
                : port.isInt() && port.asInt() == HTTP_PORT;
        assertTrue(onHttpPort, probe + " must target the port named http (" + HTTP_PORT + "), not " + port);
    }

    /** Every label the selector requires is on the pod template with the same value. */
    private static void assertSelects(JsonNode labels, JsonNode selector, String what) {
        assertTrue(selector.isObject() && selector.size() > 0, what + " is empty");
        for (Map.Entry<String, JsonNode> requirement : selector.properties()) {
            JsonNode label = labels.get(requirement.getKey());
            assertEquals(requirement.getValue().asText(), label == null ? null : label.asText(),
                    what + " requires " + requirement.getKey() + "=" + requirement.getValue().asText()
                            + ", which the pod template does not carry");
        }
    }

    /** The values of every field with the given name, at any depth. */
    private static List<JsonNode> findAll(JsonNode node, String field) {
        List<JsonNode> found = new ArrayList<>();
        collect(node, field, found);
        return found;
    }

    private static void collect(JsonNode node, String field, List<JsonNode> found) {
        if (node.isObject() && node.has(field)) {
            found.add(node.get(field));
        }
        if (node.isContainerNode()) {
            node.forEach(child -> collect(child, field, found));
        }
    }

    private static Set<Permission> permissions(List<Manifest> roles) {
        Set<Permission> permissions = new HashSet<>();
        for (Manifest role : roles) {
            for (JsonNode rule : role.doc().path("rules")) {
                for (JsonNode apiGroup : rule.path("apiGroups")) {
                    for (JsonNode resource : rule.path("resources")) {
                        for (JsonNode verb : rule.path("verbs")) {
                            permissions.add(new Permission(apiGroup.asText(), resource.asText(), verb.asText()));
                        }
                    }
                }
            }
        }
        return permissions;
    }

    private static List<String> sorted(Set<Permission> permissions) {
        return permissions.stream().map(Permission::toString).sorted().toList();
    }

    private static long bytes(String quantity) {
        Matcher matcher = MEMORY.matcher(quantity);
        assertTrue(matcher.matches(), "unsupported memory quantity " + quantity);
        long amount = Long.parseLong(matcher.group(1));
        String suffix = matcher.group(2) == null ? "" : matcher.group(2);
        return switch (suffix) {
            case "Ki" -> amount << 10;
            case "Mi" -> amount << 20;
            case "Gi" -> amount << 30;
            case "Ti" -> amount << 40;
            case "k" -> amount * 1_000L;
            case "M" -> amount * 1_000_000L;
            case "G" -> amount * 1_000_000_000L;
            case "T" -> amount * 1_000_000_000_000L;
            default -> amount;
        };
    }
}
