package dev.benchbox.platform.emr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.benchbox.BenchboxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkRequest;

/**
 * Writes the requests a dry run would send, one JSON file each, named {@code NN-Operation[-detail].json}
 * in the order they would be sent, plus other preview files (query SQL, table DDL). Numbering continues
 * after files already in the directory, so a dry-run session (connect, create-schema, load, run) reads in order.
 * Part 2 records StartJobRun here too.
 */
public final class DryRunRecorder {
    private static final Pattern NUMBERED = Pattern.compile("(\\d+)-.*\\.json");
    private static final Pattern SAFE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;
    private final List<Path> written = new ArrayList<>();
    private int next;

    private DryRunRecorder(Path directory, int next) {
        this.directory = directory;
        this.next = next;
    }

    /** Opens the directory for a dry run ({@code replace} is the caller's leave to empty a non-empty one). */
    public static DryRunRecorder open(Path directory, boolean replace) {
        return open(directory);
    }

    /** Creates the directory if needed; fails with one line when it cannot be written. */
    public static DryRunRecorder open(Path directory) {
        try {
            Files.createDirectories(directory);
            int highest = 0;
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Matcher m = NUMBERED.matcher(file.getFileName().toString());
                    if (m.matches()) {
                        highest = Math.max(highest, Integer.parseInt(m.group(1)));
                    }
                }
            }
            return new DryRunRecorder(directory, highest + 1);
        } catch (IOException | NumberFormatException e) {
            throw new BenchboxException("cannot write the dry run to " + directory + ": " + e.getMessage(), e);
        }
    }

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
            return write(name, MAPPER.writeValueAsString(RequestJson.of(request)) + System.lineSeparator());
        } catch (IOException e) {
            throw new BenchboxException("cannot write the dry run to " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Writes a preview file (query SQL, table DDL) at a path relative to the directory. */
    public synchronized Path write(String relative, String content) {
        Path file = directory.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchboxException("cannot write " + file + ": " + e.getMessage(), e);
        }
        written.add(file);
        return file;
    }

    /** Every file written so far, in order. */
    public synchronized List<Path> written() {
        return List.copyOf(written);
    }
}
