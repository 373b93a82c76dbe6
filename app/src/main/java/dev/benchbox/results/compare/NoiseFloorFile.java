package dev.benchbox.results.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.benchbox.BenchboxException;
import dev.benchbox.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A noise floor as a file: JSON that says what it is ({@code "kind": "benchbox-noise-floor"}, {@code "version": 1}),
 * what it was measured on, and a percentage per query. Reading checks all of it and refuses a bad file in one line
 * that names it; writing never replaces a file unless asked, and then only another noise floor.
 */
public final class NoiseFloorFile {
    static final String KIND = "benchbox-noise-floor";
    static final int VERSION = 1;
    /** A real floor file has a few kB (99 queries); anything far larger is not one. */
    static final long MAX_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private NoiseFloorFile() {
    }

    /** The file's text for a floor. */
    static String text(NoiseFloor floor) {
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", KIND);
        root.put("version", VERSION);
        root.put("benchmark", floor.benchmark());
        root.put("scale_factor", floor.scaleFactor());
        root.put("platform", floor.platform());
        root.put("configuration", floor.configuration());
        floor.runs().forEach(root.putArray("runs")::add);
        root.put("geomean_pct", floor.geomeanPct());
        ObjectNode queries = root.putObject("queries_pct");
        floor.queriesPct().forEach(queries::put);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the floor to {@code file}: atomically, and only where nothing is, unless {@code replace}; then only over
     * another noise-floor file.
     */
    public static void write(NoiseFloor floor, Path file, boolean replace) {
        if (replace && Files.exists(file)) {
            try {
                read(file);
            } catch (BenchboxException e) {
                throw new BenchboxException(file + " is not a noise-floor file, so --replace leaves it as it is");
            }
        }
        try {
            AtomicFiles.write(file, replace, AtomicFiles.text(text(floor)));
        } catch (FileAlreadyExistsException e) {
            throw new BenchboxException(file + " already exists: add --replace to replace it");
        } catch (NoSuchFileException e) {
            throw new BenchboxException("cannot write " + file + ": no such directory");
        } catch (AccessDeniedException e) {
            throw new BenchboxException("cannot write " + file + ": permission denied");
        } catch (IOException e) {
            throw new BenchboxException("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Reads a floor, or refuses the file in one line. */
    public static NoiseFloor read(Path file) {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw refused(file, "it is a directory");
            }
            if (!Files.isRegularFile(file)) {
                throw Files.exists(file) ? refused(file, "not a regular file") : refused(file, "no such file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw refused(file, "larger than 1 MB, far more than a noise floor holds");
            }
            text = Files.readString(file);
        } catch (AccessDeniedException e) {
            throw refused(file, "permission denied");
        } catch (IOException e) {
            throw refused(file, "cannot be read");
        }
        return parse(file.toString(), text);
    }

    static NoiseFloor parse(String name, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw refused(name, "not JSON (line " + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw refused(name, "not a JSON object");
        }
        if (!KIND.equals(root.path("kind").asText(null))) {
            throw refused(name, "not a noise-floor file (write one with compare A.json B.json --write-noise-floor FILE)");
        }
        if (!root.path("version").isInt() || root.get("version").intValue() != VERSION) {
            throw refused(name, "version " + root.path("version") + " is not one this shell reads (" + VERSION + ")");
        }
        String benchmark = string(name, root, "benchmark");
        JsonNode scale = root.path("scale_factor");
        if (!scale.isNumber() || !(scale.doubleValue() > 0)) {
            throw refused(name, "scale_factor must be a number above 0");
        }
        List<String> runs = new ArrayList<>();
        root.path("runs").forEach(run -> runs.add(run.asText()));
        Map<String, Double> queries = new LinkedHashMap<>();
        JsonNode queriesNode = root.path("queries_pct");
        if (!queriesNode.isObject() || queriesNode.isEmpty()) {
            throw refused(name, "queries_pct must map query ids to percentages");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = queriesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            queries.put(entry.getKey(), percentage(name, entry.getKey(), entry.getValue()));
        }
        return new NoiseFloor(benchmark, scale.doubleValue(), string(name, root, "platform"), string(name, root, "configuration"), runs,
                queries, percentage(name, "geomean", root.path("geomean_pct")));
    }

    private static String string(String name, JsonNode root, String field) {
        JsonNode node = root.path(field);
        if (!node.isTextual() || node.asText().isBlank()) {
            throw refused(name, field + " is missing");
        }
        return node.asText();
    }

    private static double percentage(String name, String what, JsonNode node) {
        if (!node.isNumber() || !(node.doubleValue() >= 0) || Double.isInfinite(node.doubleValue())) {
            throw refused(name, what + "'s floor " + (node.isMissingNode() ? "is missing" : "is " + node + ", not a percentage of 0 or more"));
        }
        return node.doubleValue();
    }

    private static BenchboxException refused(Object file, String why) {
        return new BenchboxException("noise floor " + file + ": " + why);
    }
}
