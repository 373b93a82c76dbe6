package dev.benchbox.files;

import dev.benchbox.log.CommandTrail;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The one way the shell writes a file: the content goes to a temporary file beside the target, under an
 * unpredictable name created exclusively (so a planted file or link there is never opened or followed), and then
 * takes the target's name in one atomic rename. A reader sees the old file or the new one, never half of one;
 * a failure leaves the target as it was and removes the temporary file.
 *
 * <p>Whether an existing file may be replaced is the caller's decision, made before the work: {@link #replace}
 * takes the name whatever holds it, {@link #create} and {@link #createUnique} only a free name, claimed atomically
 * so that two shells writing at once never lose each other's file.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes a file's text. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /** The content is this text. */
    public static Content text(String text) {
        return out -> out.write(text);
    }

    /** Writes the target, replacing a file already there (a link there is replaced, not followed). */
    public static void replace(Path target, Content content) throws IOException {
        Path temporary = writeAside(target, content);
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            CommandTrail.wrote(target.toAbsolutePath().toString());
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Writes the target only if nothing holds its name when the content is complete.
     *
     * @throws FileAlreadyExistsException when something does; it is left as it was
     */
    public static void create(Path target, Content content) throws IOException {
        Path temporary = writeAside(target, content);
        try {
            claim(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** {@link #create} or {@link #replace}. */
    public static void write(Path target, boolean mayReplace, Content content) throws IOException {
        if (mayReplace) {
            replace(target, content);
        } else {
            create(target, content);
        }
    }

    /**
     * Writes under the first free name of {@code name}, {@code name-2}, {@code name-3} ... (before the extension)
     * in the directory, and returns it; files already there are never replaced.
     */
    public static Path createUnique(Path directory, String name, Content content) throws IOException {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        Path temporary = writeAside(directory.resolve(name), content);
        try {
            for (int n = 1; ; n++) {
                Path target = directory.resolve(n == 1 ? name : stem + "-" + n + extension);
                try {
                    claim(temporary, target);
                    return target;
                } catch (FileAlreadyExistsException taken) {
                    // someone's file, or another shell's result of the same second: the next name
                }
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Whether anything (a file, a directory, a link, even a dangling one) holds the name. */
    public static boolean taken(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Takes the name with an empty file of our own, created exclusively (the atomic claim), then renames the
     * content over it: a rename alone would replace whatever another writer put there meanwhile.
     */
    private static void claim(Path temporary, Path target) throws IOException {
        Files.createFile(target);
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            CommandTrail.wrote(target.toAbsolutePath().toString());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
    }

    /**
     * The content in a new file beside the target (the same file system, so the rename is atomic). Not
     * {@link Files#createTempFile}: it makes files only their owner can read, and reports and results are
     * meant to be shared as any other file the user writes; the name is as unpredictable and the creation as
     * exclusive.
     */
    private static Path writeAside(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        String name = absolute.getFileName().toString();
        // short enough for any file system's name limit with the suffix
        String prefix = name.length() > 100 ? name.substring(0, 100) : name;
        Path temporary = absolute.resolveSibling("." + prefix + "." + HexFormat.of().formatHex(randomBytes()) + ".partial");
        // opened outside the try: a name that somehow exists is someone else's, not ours to delete
        Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), StandardCharsets.UTF_8));
        try (out) {
            content.writeTo(out);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return temporary;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
