package io.modelfleet.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelfleet.api.ApiConfig;
import io.modelfleet.config.ConfigurationTable.Row;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README's Configuration table, application.properties and the {@code @ConfigMapping} interfaces agree: every key
 * the application declares is documented once with its default, and nothing documented or set is undeclared.
 */
class ConfigurationTableTest {

    private static final String NO_DEFAULT_CELL = ConfigurationTable.NO_DEFAULT + " (unset: off)";

    private static Path project;
    private static Map<String, String> properties;
    private static List<DeclaredKey> declared;

    @BeforeAll
    static void scan() throws IOException, URISyntaxException {
        Path classes = Path.of(ApiConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        project = classes.getParent().getParent();
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(project.resolve("src/main/resources/application.properties"))) {
            loaded.load(reader);
        }
        properties = new TreeMap<>();
        loaded.stringPropertyNames().forEach(name -> properties.put(name, loaded.getProperty(name).trim()));
        declared = MappedKeys.scan(classes, properties);
    }

    @Test
    void readmeListsExactlyTheDeclaredKeysWithTheirDefaults() {
        List<String> found = ConfigurationTable.discrepancies(ConfigurationTable.read(project.resolve("README.md")),
                declared);
        assertEquals(List.of(), found, "README.md, section Configuration:" + ConfigurationTable.lines(found));
    }

    @Test
    void applicationPropertiesSetsOnlyDeclaredKeysAndNeverContradictsADefault() {
        Map<String, DeclaredKey> byName = declared.stream()
                .collect(Collectors.toMap(DeclaredKey::name, k -> k, (a, b) -> a));
        List<String> found = new ArrayList<>();
        properties.forEach((property, value) -> {
            boolean profiled = property.startsWith("%");
            String name = profiled ? property.substring(property.indexOf('.') + 1) : property;
            if (!name.startsWith("modelfleet.")) {
                return;
            }
            DeclaredKey key = byName.get(name);
            if (key == null) {
                found.add(property + " is set, but no @ConfigMapping or config source factory declares it");
            } else if (!profiled && key.defaultValue().isPresent() && !key.defaultValue().get().equals(value)) {
                found.add(property + "=" + value + " contradicts " + key.declaredBy() + "'s default `"
                        + key.defaultValue().get() + "`, which README documents");
            }
        });
        assertEquals(List.of(), found, "src/main/resources/application.properties:" + ConfigurationTable.lines(found));
    }

    @Test
    void theScanReadsNestedGroupsParentNamedGroupsAndConfigSourceFactories() {
        Set<DeclaredKey> keys = Set.copyOf(declared);
        assertTrue(keys.contains(new DeclaredKey("modelfleet.rollout.failpoint.marker-file", Optional.empty(),
                "RolloutConfig")), () -> "scanned: " + declared);
        assertTrue(keys.contains(new DeclaredKey("modelfleet.rollout.request-timeout", Optional.of("10s"),
                "RolloutConfig")), () -> "scanned: " + declared);
        assertTrue(keys.contains(new DeclaredKey("modelfleet.api.max-page-size", Optional.of("500"), "ApiConfig")),
                () -> "scanned: " + declared);
        assertTrue(keys.contains(new DeclaredKey("modelfleet.embedded-postgres.enabled", Optional.of("false"),
                "EmbeddedPostgresConfigSourceFactory")), () -> "scanned: " + declared);
    }

    @ConfigMapping(prefix = "sample.area")
    interface Sample {

        @WithDefault("3")
        int maxRetryCount();

        OptionalInt threads();

        @WithName("url")
        Optional<String> endpointURL();

        Nested nested();

        @WithParentName
        Flat flat();

        Optional<Nested> maybe();

        Map<String, Duration> timeouts();

        default int doubled() {
            return maxRetryCount() * 2;
        }

        interface Nested {
            @WithDefault("a,b")
            List<String> names();
        }

        interface Flat {
            @WithDefault("1s")
            Duration requestTimeout();
        }
    }

    @Test
    void keysAreThePrefixWithKebabCaseNamesNestedGroupsAndDefaults() {
        assertEquals(List.of(
                new DeclaredKey("sample.area.url", Optional.empty(), "Sample"),
                new DeclaredKey("sample.area.request-timeout", Optional.of("1s"), "Sample"),
                new DeclaredKey("sample.area.max-retry-count", Optional.of("3"), "Sample"),
                new DeclaredKey("sample.area.maybe.names", Optional.of("a,b"), "Sample"),
                new DeclaredKey("sample.area.nested.names", Optional.of("a,b"), "Sample"),
                new DeclaredKey("sample.area.threads", Optional.empty(), "Sample"),
                new DeclaredKey("sample.area.timeouts.*", Optional.empty(), "Sample")),
                MappedKeys.of(Sample.class));
        assertEquals("endpoint-url", MappedKeys.name("endpointURL", ConfigMapping.NamingStrategy.KEBAB_CASE));
        assertEquals("api-url-path", MappedKeys.name("apiURLPath", ConfigMapping.NamingStrategy.KEBAB_CASE));
        assertEquals("api_url_path", MappedKeys.name("apiURLPath", ConfigMapping.NamingStrategy.SNAKE_CASE));
    }

    @Test
    void eachDisagreementIsNamedWithTheKeyTheLineAndBothDefaults() {
        List<DeclaredKey> keys = List.of(
                new DeclaredKey("modelfleet.a.size", Optional.of("5"), "AConfig"),
                new DeclaredKey("modelfleet.a.url", Optional.empty(), "AConfig"),
                new DeclaredKey("modelfleet.a.mode", Optional.of("fast"), "AConfig"),
                new DeclaredKey("modelfleet.b.name", Optional.of("x"), "BConfig"),
                new DeclaredKey("modelfleet.b.name", Optional.of("y"), "OtherConfig"),
                new DeclaredKey("modelfleet.c.flag", Optional.of("true"), "CConfig"));
        List<Row> rows = List.of(
                new Row("`quarkus.http.port`", "`8080`", 10),
                new Row("`modelfleet.a.size`", "`6` (in tests `1`)", 11),
                new Row("`modelfleet.a.url`", "`http://x` in dev", 12),
                new Row("`modelfleet.a.mode`", "fast", 13),
                new Row("`modelfleet.b.name`", "`x`", 14),
                new Row("`modelfleet.gone`", NO_DEFAULT_CELL, 15),
                new Row("`modelfleet.c.flag`, `other`", "`true`", 16),
                new Row("`modelfleet.b.name`", "`x`", 17));
        assertEquals(List.of(
                "modelfleet.b.name is declared by BConfig with default `x` and by OtherConfig with `y`",
                "README line 16: one key per row, in backticks, was `modelfleet.c.flag`, `other`",
                "README lists modelfleet.b.name twice (lines 14 and 17)",
                "modelfleet.a.size: README's default is `6`, AConfig's is `5`",
                "modelfleet.a.url: README's default is `http://x`, AConfig's is –",
                "README line 13: the default of modelfleet.a.mode must start with `fast`, was: fast",
                "README line 15 lists modelfleet.gone, which no @ConfigMapping or config source factory declares",
                "modelfleet.c.flag (CConfig) is missing from README's Configuration table"),
                ConfigurationTable.discrepancies(rows, keys));
    }
}
