package io.modelfleet.catalog.importer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.modelfleet.catalog.dto.CatalogImport;
import io.modelfleet.catalog.dto.HardwareProfileSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads profiles/: {@code hardware/*.yaml} (one hardware profile each) and {@code models/*.yaml} (one model with
 * its variants each), in file-name order so that every load sees the same sequence.
 */
public final class ProfilesDirectory {

    /** The YAML import body gets the same limits and text checks as JSON bodies. */
    public static final ObjectMapper YAML = io.modelfleet.api.JsonInputLimits.applyTo(YAMLMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndAddModules()
            .build());

    private ProfilesDirectory() {
    }

    public static CatalogImport read(Path root) {
        List<HardwareProfileSpec> hardware = new ArrayList<>();
        for (Path file : yamlFiles(root.resolve("hardware"))) {
            hardware.add(parse(file, HardwareProfileSpec.class));
        }
        List<CatalogImport.ModelDocument> models = new ArrayList<>();
        for (Path file : yamlFiles(root.resolve("models"))) {
            models.add(parse(file, CatalogImport.ModelDocument.class));
        }
        return new CatalogImport(hardware, models);
    }

    private static <T> T parse(Path file, Class<T> type) {
        try {
            return YAML.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> yamlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
