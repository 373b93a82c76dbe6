package dev.benchbox.platform.emr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.benchbox.BenchboxException;
import dev.benchbox.Redaction;
import dev.benchbox.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkRequest;

/**
 * Writes the requests a dry run would send, one JSON file each, named {@code NN-Operation[-detail].json}
 * in the order they would be sent, plus other preview files (query SQL, table DDL) and {@code uploads.json}: every
 * object a real run would upload to S3 (key, size, SHA-256). Secret settings and URL credentials are redacted in the
 * files (what a real run sends keeps them). A dry run writes into a new or empty directory, so its
 * files are always those of one preview. It lists them in {@link #MANIFEST} before writing each, which is how a later
 * {@code --replace} knows the directory holds an earlier preview and nothing else: it deletes only what is listed.
 */
public final class DryRunRecorder implements dev.benchbox.platform.emr.session.RequestWriter {
    /** The listing of what a real run would upload. */
    public static final String UPLOADS = "uploads.json";
    /** The list of the files a preview wrote in its directory, one relative path a line after {@link #MANIFEST_HEADER}. */
    public static final String MANIFEST = ".benchbox-dry-run";
    static final String MANIFEST_HEADER = "# BenchBox dry run: the files it wrote in this directory (--replace deletes only these)";
    private static final Pattern SAFE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;
    private final Set<Path> written = new LinkedHashSet<>();
    private final Map<String, Upload> uploads = new LinkedHashMap<>();
    private int next = 1;

    private DryRunRecorder(Path directory) {
        this.directory = directory;
    }

    /** One object a real run would upload. */
    public record Upload(String key, long size, String sha256) {
    }

    /**
     * Opens a new or empty directory. A non-empty one is refused with one line, unless {@code replace} is given and
     * it holds an earlier preview and nothing else: then that preview's files are deleted first.
     */
    public static DryRunRecorder open(Path directory, boolean replace) {
        try {
            if (Files.isDirectory(directory)) {
                // a link to a directory: what it holds is what counts
                Path real = directory.toRealPath();
                boolean empty;
                try (Stream<Path> files = Files.list(real)) {
                    empty = files.findAny().isEmpty();
                }
                if (!empty) {
                    Optional<Set<Path>> preview = manifest(real);
                    if (!replace) {
                        throw new BenchboxException("dry-run directory " + directory + " is not empty: give a new or empty one"
                                + (preview.isPresent() ? ", or add --replace to replace the earlier dry run in it" : ""));
                    }
                    if (preview.isEmpty()) {
                        throw new BenchboxException("dry-run directory " + directory + " holds no earlier dry run (no " + MANIFEST
                                + "), so --replace deletes nothing there: give a new or empty directory");
                    }
                    deletePreview(directory, real, preview.get());
                }
            }
            if (Files.exists(directory) && !Files.isDirectory(directory)) {
                throw new BenchboxException("cannot write the dry run to " + directory + ": it is a file, not a folder; give a new or empty folder");
            }
            Files.createDirectories(directory);
            return new DryRunRecorder(directory);
        } catch (IOException e) {
            throw new BenchboxException("cannot write the dry run to " + directory + ": " + dev.benchbox.files.IoReasons.of(e), e);
        } catch (UncheckedIOException e) {
            // walking a folder it may not read
            throw new BenchboxException("cannot write the dry run to " + directory + ": " + dev.benchbox.files.IoReasons.of(e.getCause()), e);
        }
    }

    /** The files an earlier preview listed (relative to the directory), when the directory has its manifest. */
    private static Optional<Set<Path>> manifest(Path directory) throws IOException {
        Path manifest = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(MANIFEST_HEADER)) {
            return Optional.empty();
        }
        Set<Path> listed = new LinkedHashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                listed.add(Path.of(line).normalize());
            }
        }
        return Optional.of(listed);
    }

    /**
     * Deletes an earlier preview: only when every entry is a listed file, the folder of one or the manifest;
     * anything else and nothing is deleted. Links are deleted, never followed.
     */
    private static void deletePreview(Path given, Path directory, Set<Path> listed) throws IOException {
        List<Path> contents;
        try (Stream<Path> walk = Files.walk(directory)) {
            contents = walk.filter(p -> !p.equals(directory)).sorted(Comparator.reverseOrder()).toList();
        }
        Set<Path> folders = new HashSet<>();
        for (Path file : listed) {
            for (Path parent = file.getParent(); parent != null; parent = parent.getParent()) {
                folders.add(parent);
            }
        }
        List<Path> foreign = contents.stream().filter(path -> {
            Path relative = directory.relativize(path);
            return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? !folders.contains(relative)
                    : !listed.contains(relative) && !relative.equals(Path.of(MANIFEST));
        }).sorted().toList();
        if (!foreign.isEmpty()) {
            throw new BenchboxException("dry-run directory " + given + " holds " + directory.relativize(foreign.get(0))
                    + (foreign.size() == 1 ? "" : " and " + (foreign.size() - 1) + " more")
                    + " that no dry run wrote: nothing was deleted; give a new or empty directory");
        }
        // deepest first, the manifest last: an interrupted delete still leaves a directory --replace recognises
        for (Path path : contents) {
            if (!path.equals(directory.resolve(MANIFEST))) {
                Files.delete(path);
            }
        }
        Files.delete(directory.resolve(MANIFEST));
    }

    @Override
    public Path directory() {
        return directory;
    }

    /**
     * Records one request, as the API receives it.
     *
     * @param operation the API operation, e.g. {@code CreateTable}
     * @param detail what it is about (a table name), or null
     */
    public synchronized Path record(String operation, String detail, SdkRequest request) {
        String name = String.format("%02d-%s%s.json", next++, operation, detail == null ? "" : "-" + SAFE.matcher(detail).replaceAll("_"));
        try {
            return write(name, MAPPER.writeValueAsString(redacted(RequestJson.of(request))) + System.lineSeparator());
        } catch (IOException e) {
            throw new BenchboxException("cannot write the dry run to " + directory + ": " + dev.benchbox.files.IoReasons.of(e), e);
        }
    }

    /** Records a request the SDK has no operation for (EMR Serverless sessions), as the API receives it. */
    @Override
    public synchronized Path record(String operation, String detail, JsonNode request) {
        String name = String.format("%02d-%s%s.json", next++, operation, detail == null ? "" : "-" + SAFE.matcher(detail).replaceAll("_"));
        try {
            return write(name, MAPPER.writeValueAsString(redacted(request.deepCopy())) + System.lineSeparator());
        } catch (IOException e) {
            throw new BenchboxException("cannot write the dry run to " + directory + ": " + dev.benchbox.files.IoReasons.of(e), e);
        }
    }

    /**
     * The request as a preview may show it (it is a file on disk, not what is sent): secret Spark settings redacted by
     * {@link Redaction}, in a string ({@code --conf key=value} of {@code sparkSubmitParameters}) or as a property of a
     * map (a dotted name: API members never have one), and URL credentials masked.
     */
    private static JsonNode redacted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                if (value.isTextual() && field.getKey().contains(".")) {
                    field.setValue(TextNode.valueOf(Redaction.text(Redaction.value(field.getKey(), value.textValue()))));
                } else {
                    field.setValue(redacted(value));
                }
            });
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, redacted(array.get(i)));
            }
            return array;
        }
        return node.isTextual() ? TextNode.valueOf(Redaction.text(node.textValue())) : node;
    }

    /** Lists an object a real run would upload (the listing is rewritten with each one). */
    public synchronized void upload(String key, byte[] bytes) {
        uploads.put(key, new Upload(key, bytes.length, sha256(bytes)));
        try {
            write(UPLOADS, MAPPER.writeValueAsString(uploads.values()) + System.lineSeparator());
        } catch (IOException e) {
            throw new BenchboxException("cannot write the dry run to " + directory + ": " + dev.benchbox.files.IoReasons.of(e), e);
        }
    }

    /** Lists a local file a real run would upload under {@code key}. */
    public void upload(String key, Path file) {
        try {
            upload(key, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new BenchboxException("cannot read " + file + ": " + dev.benchbox.files.IoReasons.of(e), e);
        }
    }

    /** What a real run would upload, in order. */
    public synchronized List<Upload> uploads() {
        return List.copyOf(uploads.values());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a preview file (query SQL, table DDL) at a path relative to the directory. It is listed in the
     * manifest first, so that whatever happens next the directory never holds a file of ours that is not listed.
     */
    public synchronized Path write(String relative, String content) {
        Path file = directory.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            boolean again = written.contains(file);
            if (!again) {
                written.add(file);
                writeManifest();
            }
            // a name new to this preview is claimed, never taken from a file someone put there meanwhile
            AtomicFiles.write(file, again, AtomicFiles.text(content));
        } catch (IOException e) {
            throw new BenchboxException("cannot write " + file + ": " + dev.benchbox.files.IoReasons.of(e), e);
        }
        return file;
    }

    private void writeManifest() throws IOException {
        StringBuilder text = new StringBuilder(MANIFEST_HEADER).append('\n');
        for (Path file : written) {
            text.append(directory.relativize(file).toString().replace('\\', '/')).append('\n');
        }
        AtomicFiles.replace(directory.resolve(MANIFEST), AtomicFiles.text(text.toString()));
    }

    /** Every file written so far, in order of first writing (a file written twice counts once). */
    public synchronized List<Path> written() {
        return List.copyOf(written);
    }
}
