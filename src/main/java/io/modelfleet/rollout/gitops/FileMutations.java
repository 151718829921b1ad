package io.modelfleet.rollout.gitops;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Every change the GitOps writer makes to the filesystem, and nothing else: reads go to {@code Files} directly.
 * One seam so that a test can stop the writer at any single mutation and check what a crash there leaves.
 */
interface FileMutations {

    /** Creates one directory (its parent exists), readable by all. */
    void createDirectory(Path dir) throws IOException;

    /** Creates a {@code .modelfleet-*.tmp} file in {@code dir} holding {@code bytes}, mode 0644; returns it. */
    Path writeTemp(Path dir, byte[] bytes) throws IOException;

    /** Flushes a file's bytes to the device. */
    void force(Path file) throws IOException;

    /** Atomically replaces {@code target} with {@code source} (same directory). */
    void rename(Path source, Path target) throws IOException;

    /** Flushes a directory's entries (a rename or delete in it) to the device, where the OS allows it. */
    void forceDirectory(Path dir) throws IOException;

    /** Deletes a file or an empty directory. */
    void delete(Path path) throws IOException;

    /** Sets mode 0644, for a file an earlier version left with other permissions. */
    void makeReadableByAll(Path file) throws IOException;
}
