package io.modelfleet.catalog.importer;

import io.modelfleet.api.FieldError;
import io.modelfleet.api.ProblemException;
import io.modelfleet.catalog.dto.CatalogImport;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Loads profiles/ at startup when {@code modelfleet.profiles.load-on-start} is true. A broken file stops the
 * start with the file and field named: a control plane that silently skipped its catalog would plan wrongly.
 */
@ApplicationScoped
public class ProfilesLoader {

    private static final Logger LOG = Logger.getLogger(ProfilesLoader.class);

    private final CatalogImportService imports;
    private final boolean loadOnStart;
    private final Path directory;

    public ProfilesLoader(CatalogImportService imports, ProfilesConfig config) {
        this.imports = imports;
        this.loadOnStart = config.loadOnStart();
        this.directory = config.dir();
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (!loadOnStart) {
            return;
        }
        if (!Files.isDirectory(directory)) {
            LOG.warnf("Profiles directory %s does not exist; the catalog starts as it is in the database",
                    directory.toAbsolutePath());
            return;
        }
        CatalogImport.Result result = load(directory);
        LOG.infof("Loaded %s: hardware %s, models %s, variants %s", directory, result.hardwareProfiles(),
                result.models(), result.variants());
    }

    /** Reads and upserts the directory; callable from tests to prove a second load changes nothing. */
    public CatalogImport.Result load(Path root) throws Throwable {
        CatalogImport batch = ProfilesDirectory.read(root);
        try {
            return VertxContextSupport.subscribeAndAwait(() -> imports.load(batch));
        } catch (ProblemException e) {
            String fields = e.problem().errors() == null ? e.problem().detail() : e.problem().errors().stream()
                    .map(FieldError::toString).collect(Collectors.joining("; "));
            throw new IllegalStateException("profiles in " + root + " are invalid: " + fields, e);
        }
    }
}
