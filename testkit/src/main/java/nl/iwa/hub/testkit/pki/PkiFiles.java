package nl.iwa.hub.testkit.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes the files of a run's trust setup (keys, keystores, client settings with passwords, the API users): a file
 * holding a secret is owner-only (600) before any byte of it lands there.
 */
public final class PkiFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PkiFiles() {
    }

    /** Text with a secret in it (a password, a key), readable by its owner only. */
    public static Path writeSecret(Path file, String content) {
        write(file, content.getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
        return file;
    }

    static void write(Path file, byte[] content, boolean secret) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (secret && posix(file)) {
                if (Files.exists(file)) {
                    Files.setPosixFilePermissions(file, OWNER_ONLY);
                } else {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                }
            }
            Files.write(file, content, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static boolean posix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
