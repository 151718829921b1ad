package io.modelfleet.db;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Starts the embedded PostgreSQL server when {@code modelfleet.embedded-postgres.enabled} is true and hands its
 * coordinates to Quarkus as datasource configuration.
 *
 * <p>This is a config source rather than a startup bean because the datasources and Flyway read their URLs
 * before any bean runs. It never starts a server under the {@code prod} profile, whatever the flag says: a
 * production control plane must use the external PostgreSQL given by the standard datasource settings.
 * Its ordinal sits above application.properties (250) and below environment variables (300), so an explicit
 * {@code QUARKUS_DATASOURCE_*} variable still wins.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String ENABLED = "modelfleet.embedded-postgres.enabled";
    static final String DATA_DIRECTORY = "modelfleet.embedded-postgres.data-dir";
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!isTrue(context.getValue(ENABLED)) || context.getProfiles().contains("prod")) {
            return List.of();
        }
        Optional<Path> dataDirectory = Optional.ofNullable(context.getValue(DATA_DIRECTORY).getValue())
                .filter(value -> !value.isBlank())
                .map(Path::of);
        EmbeddedPostgresServer.ConnectionInfo db = EmbeddedPostgresServer.start(dataDirectory);
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.reactive.url", db.reactiveUrl(),
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.username(),
                "quarkus.datasource.password", db.password()), "embedded-postgres", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static boolean isTrue(ConfigValue value) {
        return value != null && "true".equalsIgnoreCase(value.getValue());
    }
}
