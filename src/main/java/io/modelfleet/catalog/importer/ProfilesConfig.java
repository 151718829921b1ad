package io.modelfleet.catalog.importer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** The catalog files loaded at startup ({@code modelfleet.profiles.*}). */
@ConfigMapping(prefix = "modelfleet.profiles")
public interface ProfilesConfig {

    /** Whether the profiles directory is upserted into the catalog at startup (the test profile turns it off). */
    @WithDefault("true")
    boolean loadOnStart();

    /** The profiles directory, relative to the working directory; a missing one is logged and skipped. */
    @WithDefault("profiles")
    Path dir();
}
