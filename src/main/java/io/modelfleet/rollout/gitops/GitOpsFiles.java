package io.modelfleet.rollout.gitops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Durable single-file steps over {@link FileMutations}. A write goes to a temporary file in the same folder, is
 * fsynced, renamed over the target and the folder fsynced, so after a crash a file holds its old bytes or its
 * new bytes, never a mix. A crash can leave only a {@code .modelfleet-*.tmp} file behind, which the next write
 * to that folder removes.
 */
final class GitOpsFiles {

    static final String TEMP_PREFIX = ".modelfleet-";
    static final String TEMP_SUFFIX = ".tmp";

    private final FileMutations mutations;

    GitOpsFiles(FileMutations mutations) {
        this.mutations = mutations;
    }

    /** Writes {@code content} unless the file already holds exactly those bytes; true when it wrote. */
    boolean writeIfChanged(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Path dir = file.toAbsolutePath().getParent();
        removeLeftoverTemps(dir);
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
            if (!isReadableByAll(file)) {
                mutations.makeReadableByAll(file);
            }
            return false;
        }
        Path temp = mutations.writeTemp(dir, bytes);
        mutations.force(temp);
        mutations.rename(temp, file);
        mutations.forceDirectory(dir);
        return true;
    }

    /** Deletes a file if it is there; true when it deleted. */
    boolean deleteIfPresent(Path file) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        mutations.delete(file);
        mutations.forceDirectory(file.toAbsolutePath().getParent());
        return true;
    }

    /** Creates {@code dir} and any missing parents up to an existing one. */
    void ensureDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        ensureDirectory(parent);
        mutations.createDirectory(dir);
        mutations.forceDirectory(parent);
    }

    /** Removes {@code dir} if it holds nothing (after leftover temporary files are gone); true when removed. */
    boolean deleteDirectoryIfEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        removeLeftoverTemps(dir);
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                return false;
            }
        }
        mutations.delete(dir);
        mutations.forceDirectory(dir.toAbsolutePath().getParent());
        return true;
    }

    /** Temporary files a crashed write left; only this writer makes files with this prefix and suffix. */
    void removeLeftoverTemps(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> leftovers;
        try (Stream<Path> entries = Files.list(dir)) {
            leftovers = entries.filter(GitOpsFiles::isTemp).sorted().toList();
        }
        for (Path leftover : leftovers) {
            mutations.delete(leftover);
        }
        if (!leftovers.isEmpty()) {
            mutations.forceDirectory(dir);
        }
    }

    static boolean isTemp(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX);
    }

    private static boolean isReadableByAll(Path file) throws IOException {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file)).equals("rw-r--r--");
        } catch (UnsupportedOperationException notPosix) {
            return true;
        }
    }
}
