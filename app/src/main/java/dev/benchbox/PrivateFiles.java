package dev.benchbox;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files only their owner may read (0600): the log and the history, which record what was typed and done. Java cannot
 * set a umask, so such a file is created with its permissions before the writer that appends to it opens it.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private PrivateFiles() {
    }

    /**
     * Creates the file 0600 if it is missing (and its folder 0700 if that is missing too), or takes away group's and
     * others' access if it exists. A link is left as it is (its target is someone's choice), and so is everything on a
     * file system without POSIX permissions.
     */
    public static void ownerOnly(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && Files.notExists(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            return;
        } catch (FileAlreadyExistsException e) {
            // tightened below
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
        now.stream().filter(OWNER::contains).forEach(owner::add);
        if (!owner.equals(now)) {
            Files.setPosixFilePermissions(file, owner);
        }
    }
}
