package io.modelfleet.rollout.gitops;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** The real filesystem, with the modes a git sidecar or a GitOps controller running as another user can read. */
final class DurableFileMutations implements FileMutations {

    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwxr-xr-x");

    @Override
    public void createDirectory(Path dir) throws IOException {
        Files.createDirectory(dir);
        setMode(dir, DIRECTORY_MODE);
    }

    @Override
    public Path writeTemp(Path dir, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(dir, GitOpsFiles.TEMP_PREFIX, GitOpsFiles.TEMP_SUFFIX);
        // createTempFile makes 0600 files; set the mode explicitly, since the umask would mask a create attribute.
        setMode(temp, FILE_MODE);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
        return temp;
    }

    @Override
    public void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void forceDirectory(Path dir) {
        // Linux and macOS let a directory be opened and fsynced; Windows refuses to open one. Where the OS
        // refuses, the rename is as durable as that OS makes it, and there is nothing more to do.
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException refused) {
            // see above
        }
    }

    @Override
    public void delete(Path path) throws IOException {
        Files.delete(path);
    }

    @Override
    public void makeReadableByAll(Path file) throws IOException {
        setMode(file, FILE_MODE);
    }

    private static void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
        try {
            Files.setPosixFilePermissions(path, mode);
        } catch (UnsupportedOperationException notPosix) {
            // a filesystem without POSIX modes (Windows): files there are readable by the user's tools as they are
        }
    }
}
