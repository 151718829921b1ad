package io.modelfleet.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.modelfleet.cli.CliIo;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The config file: {@code $XDG_CONFIG_HOME/modelfleet/config}, else {@code ~/.config/modelfleet/config}, YAML with
 * {@code url} and {@code token}. It holds a secret, so it is written owner-only (0600, its folder 0700) into a
 * temporary file created with those permissions and then moved into place: at no moment does a readable copy exist.
 */
public final class ConfigStore {

    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path file;

    public ConfigStore(Path file) {
        this.file = file;
    }

    public static ConfigStore of(CliIo io) {
        Path base = io.env("XDG_CONFIG_HOME").map(Path::of).orElse(io.home().resolve(".config"));
        return new ConfigStore(base.resolve("modelfleet").resolve("config"));
    }

    public Path file() {
        return file;
    }

    public Optional<CliConfig> load() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        if (!FILE_MODE.containsAll(mode)) {
            // As ssh does with a private key: a token others can read is no secret any more.
            throw new IOException("it is readable by others (mode " + PosixFilePermissions.toString(mode)
                    + "); run chmod 600 " + file + " or log in again, and consider rotating the token");
        }
        JsonNode node;
        try {
            node = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            // The parser's message quotes the offending line, which may be the token's: only say where it is.
            JsonLocation at = e.getLocation();
            throw new IOException("it is not valid YAML" + (at == null ? "" : " (line " + at.getLineNr()
                    + ", column " + at.getColumnNr() + ")") + "; run modelfleet login URL again", null);
        }
        if (node == null || !node.hasNonNull("url") || !node.hasNonNull("token")) {
            throw new IOException(file + " has no url and token; run modelfleet login URL again");
        }
        return Optional.of(new CliConfig(URI.create(node.get("url").asText()), node.get("token").asText()));
    }

    public void save(CliConfig config) throws IOException {
        Path dir = file.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        }
        ObjectNode node = YAML.createObjectNode();
        node.put("url", config.url().toString());
        node.put("token", config.token());
        Path tmp = Files.createTempFile(dir, ".config", ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE));
        try {
            YAML.writeValue(tmp.toFile(), node);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            // A file that existed before keeps the new file's mode: the move replaced it, but say so explicitly.
            Files.setPosixFilePermissions(file, FILE_MODE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
