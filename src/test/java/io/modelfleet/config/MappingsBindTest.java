package io.modelfleet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.api.ApiConfig;
import io.modelfleet.api.security.AdminTokenConfig;
import io.modelfleet.catalog.importer.ProfilesConfig;
import io.modelfleet.cloud.aws.AwsConfig;
import io.modelfleet.fleet.service.ProtectedNamespacesConfig;
import io.modelfleet.plans.PlanningConfig;
import io.modelfleet.rollout.RolloutConfig;
import io.modelfleet.rollout.gitops.GitOpsConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.PathConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped application.properties binds to every {@code @ConfigMapping} under each profile the application
 * runs with, the profile overrides reach the mappings, and a bad value or a mistyped key is refused with the key
 * named. SmallRye Config is built here the way Quarkus builds it (its duration and path converters), without
 * starting Quarkus.
 */
class MappingsBindTest {

    private static Path classes;
    private static List<Class<?>> mappings;

    @BeforeAll
    static void findMappings() throws URISyntaxException {
        classes = Path.of(ApiConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        mappings = MappedKeys.mappingInterfaces(classes);
    }

    @Test
    void shippedPropertiesBindToEveryMappingInEveryProfile() {
        for (String profile : List.of("prod", "dev", "test")) {
            SmallRyeConfig config = config(profile, Map.of());
            mappings.forEach(config::getConfigMapping);
        }
        assertTrue(mappings.containsAll(List.of(ApiConfig.class, AdminTokenConfig.class, ProfilesConfig.class,
                PlanningConfig.class, RolloutConfig.class, GitOpsConfig.class, AwsConfig.class,
                ProtectedNamespacesConfig.class)), () -> "mappings found: " + mappings);
    }

    @Test
    void profileOverridesReachTheMappings() {
        SmallRyeConfig prod = config("prod", Map.of());
        SmallRyeConfig test = config("test", Map.of());
        assertEquals(true, prod.getConfigMapping(RolloutConfig.class).engineEnabled());
        assertEquals(false, test.getConfigMapping(RolloutConfig.class).engineEnabled());
        assertEquals(Duration.ofSeconds(1), prod.getConfigMapping(RolloutConfig.class).retryBackoff());
        assertEquals(Duration.ofMillis(10), test.getConfigMapping(RolloutConfig.class).retryBackoff());
        assertEquals(Path.of("target/gitops-test"),
                test.getConfigMapping(GitOpsConfig.class).root());
        assertEquals(Optional.empty(), prod.getConfigMapping(AdminTokenConfig.class).value());
        assertEquals(Optional.of("dev-admin-token"), config("dev", Map.of()).getConfigMapping(AdminTokenConfig.class)
                .value());
        // ${MODELFLEET_POD_NAME:} with no such variable: empty, so the engine picks a random id.
        assertEquals(Optional.empty(), prod.getConfigMapping(RolloutConfig.class).instanceId());
    }

    @Test
    void environmentVariablesReachDashedAndNestedKeys() {
        // How k8s/ and the crash-point matrix configure the packaged application.
        SmallRyeConfig config = config("prod", Map.of(), new EnvConfigSource(Map.of(
                "MODELFLEET_ROLLOUT_NAMESPACE", "serving",
                "MODELFLEET_ROLLOUT_STEP_TIMEOUT_SECONDS", "90",
                "MODELFLEET_ROLLOUT_FAILPOINT_HALT_AFTER_TRANSITION", "7",
                "MODELFLEET_ROLLOUT_REQUEST_TIMEOUT", "4s",
                "MODELFLEET_ADMIN_TOKEN", "from-the-secret",
                "MODELFLEET_POD_NAME", "modelfleet-0"), 300));
        RolloutConfig rollout = config.getConfigMapping(RolloutConfig.class);
        assertEquals("serving", rollout.namespace());
        assertEquals(90, rollout.stepTimeoutSeconds());
        assertEquals(Optional.of(7), rollout.failpoint().haltAfterTransition());
        assertEquals(Duration.ofSeconds(4), rollout.targets().requestTimeout());
        assertEquals(Optional.of("modelfleet-0"), rollout.instanceId());
        assertEquals(Optional.of("from-the-secret"), config.getConfigMapping(AdminTokenConfig.class).value());
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedWithItsKeyAndValue() {
        ConfigValidationException refused = assertThrows(ConfigValidationException.class,
                () -> config("prod", Map.of("modelfleet.rollout.lease", "soon")));
        assertTrue(refused.getMessage().contains("modelfleet.rollout.lease") && refused.getMessage().contains("soon"),
                refused.getMessage());
    }

    @Test
    void aMistypedKeyUnderAMappedPrefixIsRefused() {
        ConfigValidationException refused = assertThrows(ConfigValidationException.class,
                () -> config("prod", Map.of("modelfleet.rollout.leese", "3s")));
        assertTrue(refused.getMessage().contains("SRCFG00050: modelfleet.rollout.leese in PropertiesConfigSource"
                + "[source=overrides] does not map to any root"), refused.getMessage());
    }

    private static SmallRyeConfig config(String profile, Map<String, String> overrides, ConfigSource... more) {
        try {
            SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withProfile(profile)
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withConverter(Path.class, 200, new PathConverter())
                    .withSources(new PropertiesConfigSource(classes.resolve("application.properties").toUri().toURL(),
                            250))
                    .withSources(new PropertiesConfigSource(overrides, "overrides", 400)).withSources(more);
            mappings.forEach(builder::withMapping);
            return builder.build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read application.properties", e);
        }
    }

}
