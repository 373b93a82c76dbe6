package dev.benchbox.results;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.benchbox.BenchboxException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one reader of results files ({@code compare}, {@code report}, a sweep's resume): whatever the file holds, it
 * gives a {@link RunResult} or a {@link BenchboxException} whose one line names the file and what is wrong with it.
 * The file's size, the length of its strings, its nesting and its number of tokens are bounded, so a hostile or
 * broken file cannot exhaust memory.
 */
public final class ResultReader {
    /**
     * Far above the largest real file: a TPC-DS run of 99 queries with 100 measured iterations writes 1.4 MB (2.1 MB
     * when every query failed validation and says why).
     */
    static final int MAX_BYTES = 64 * 1024 * 1024;
    /** Error messages are the longest strings a results file holds; a few kB each. */
    static final int MAX_STRING_CHARS = 1024 * 1024;
    /** A time in milliseconds has a few digits; Jackson's default, far above. */
    static final int MAX_DIGITS = 1000;
    /** A results file is six levels deep at most (platform details hold maps of settings). */
    static final int MAX_DEPTH = 64;
    /**
     * The same 100-iteration TPC-DS run has 0.14 to 0.16 million tokens. The limit bounds the tree a file of tiny
     * values would build: 64 MB of {@code {"a":0},} would take several GB; at this limit it is read in a 200 MB heap.
     */
    static final long MAX_TOKENS = 2_000_000;

    private static final String TRUNCATED = "it ends before the JSON is complete";
    private static final List<String> SECTIONS = List.of("run", "benchmark", "platform", "summary", "queries");

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNameLength(MAX_STRING_CHARS)
                    .maxNumberLength(MAX_DIGITS)
                    .maxNestingDepth(MAX_DEPTH)
                    .maxTokenCount(MAX_TOKENS)
                    .build())
            // a location names line and column; the file's text quoted into a message would be a second line
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private final ObjectMapper mapper;

    /** @param mapper the mapper results are written with (its naming and time settings) */
    public ResultReader(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    public RunResult read(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw refused(file, "no such file");
        } catch (IOException e) {
            throw refused(file, failure(e));
        }
        // refused before opening: opening a pipe waits for a writer, a device may never end
        if (attributes.isDirectory()) {
            throw refused(file, "it is a directory");
        }
        if (!attributes.isRegularFile()) {
            throw refused(file, "not a regular file (a device, a pipe or a socket)");
        }
        if (attributes.size() > MAX_BYTES) {
            throw refused(file, megabytes(attributes.size()) + ", larger than " + megabytes(MAX_BYTES) + ", the limit for a results file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        } catch (IOException e) {
            throw refused(file, failure(e));
        }
    }

    /** The operating system's reason, without the file name it repeats. */
    private static String failure(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null && !fileSystem.getReason().isEmpty()) {
            String reason = fileSystem.getReason();
            return Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
        }
        return e.getMessage() == null ? "cannot be read" : e.getMessage();
    }

    /**
     * Reads results from a stream, no more than {@link #MAX_BYTES} of it (a file may grow after its size was looked
     * at); {@code name} says in messages where they came from.
     */
    public RunResult read(String name, InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw refused(name, "larger than " + megabytes(MAX_BYTES) + ", the limit for a results file");
        }
        if (bytes.length == 0) {
            throw refused(name, "the file is empty");
        }
        requireUtf8(name, bytes);
        JsonNode json = parse(name, bytes);
        if (!json.isObject() || SECTIONS.stream().anyMatch(section -> !json.hasNonNull(section))) {
            throw refused(name, "not a BenchBox results file (it needs " + String.join(", ", SECTIONS) + ")");
        }
        nonFinite(json, "").ifPresent(field -> {
            throw refused(name, field + " is not a finite number");
        });
        RunResult result;
        try {
            result = mapper.treeToValue(json, RunResult.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw refused(name, "not a BenchBox results file (" + wrongType(e) + ")");
        }
        insane(result).ifPresent(problem -> {
            throw refused(name, problem);
        });
        return result;
    }

    /**
     * Strict UTF-8: a file in another encoding is refused, not read with replacement characters. The text is decoded
     * in small pieces and thrown away (the parser reads the bytes), so checking costs no copy of the file.
     */
    private static void requireUtf8(String name, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
        } while (result.isOverflow());
        if (!result.isError()) {
            do {
                out.clear();
                result = decoder.flush(out);
            } while (result.isOverflow());
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw refused(name, "not UTF-8 text (an invalid byte on line " + line + ")");
        }
    }

    private JsonNode parse(String name, byte[] bytes) {
        JsonParser parser;
        try {
            parser = JSON.createParser(bytes);
        } catch (IOException e) {
            throw refused(name, failure(e));
        }
        try (parser) {
            if (parser.nextToken() == null) {
                throw refused(name, "not JSON (there is no value in it)");
            }
            JsonNode json = mapper.readTree(parser);
            if (parser.nextToken() != null) {
                throw refused(name, "not JSON" + where(parser.currentTokenLocation()) + ": more follows the end of the JSON value");
            }
            return json;
        } catch (StreamConstraintsException e) {
            // this exception carries no location; the value being read began where the parser last started a token
            JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentTokenLocation();
            throw refused(name, beyondLimit(e) + ", the limit for a results file" + where(at));
        } catch (JsonEOFException e) {
            throw refused(name, "not JSON" + where(e.getLocation()) + ": " + TRUNCATED);
        } catch (JsonProcessingException e) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input")) {
                throw refused(name, "not JSON" + where(e.getLocation()) + ": " + TRUNCATED);
            }
            throw refused(name, "not JSON" + where(e.getLocation()) + ": " + syntax(e.getOriginalMessage()));
        } catch (IOException e) {
            throw refused(name, failure(e));
        }
    }

    /** Which limit was passed, in words: Jackson's message names its builder methods. */
    private static String beyondLimit(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("String value length") || message.contains("Name length")) {
            return "a string longer than " + count(MAX_STRING_CHARS) + " characters";
        }
        if (message.contains("Number value length")) {
            return "a number longer than " + count(MAX_DIGITS) + " digits";
        }
        if (message.contains("nesting depth")) {
            return "values nested deeper than " + MAX_DEPTH + " levels";
        }
        if (message.contains("Token count")) {
            return "more than " + count(MAX_TOKENS) + " JSON values";
        }
        return "too large a value";
    }

    /**
     * Jackson's syntax messages say what was found and what was expected, in words ({@code Unexpected character
     * ('o' (code 111)): was expecting double-quote to start field name}); the character codes and the hints at
     * parser features are left out.
     */
    private static String syntax(String message) {
        String text = String.valueOf(message).lines().findFirst().orElse("")
                .replaceAll(" \\(code \\d+\\)", "")
                .replaceAll("\\(CTRL-CHAR, code \\d+\\)", "a control character")
                // "(for Array starting at [Source: ...; line: 1, column: 1])" and the hints at parser features
                .replaceAll(" *\\((?:for \\w+ starting at|not recognized as one since) .*$", "")
                .replaceAll("[;:]? *(?:\\(?enable|to allow|Feature|`|\\[Source).*$", "")
                .strip();
        if (text.isEmpty()) {
            return "not valid here";
        }
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** The first number that is not finite ({@code 1e999} reads as infinity), as {@code queries[3].ms}. */
    private static Optional<String> nonFinite(JsonNode node, String path) {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            return Optional.of(path.isEmpty() ? "the value" : path);
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                Optional<String> found = nonFinite(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> found = nonFinite(node.get(i), path + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** Where binding failed and what was expected there, in JSON's words rather than Java's. */
    private static String wrongType(Exception e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "a value it cannot hold";
        }
        String path = path(mapping.getPath());
        if (e instanceof UnrecognizedPropertyException unknown) {
            // the path ends with the unknown field itself
            return "unknown field " + (path.isEmpty() ? "'" + unknown.getPropertyName() + "'" : path);
        }
        String at = path.isEmpty() ? "the file" : path;
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return at + ": expected " + expected(mismatched.getTargetType());
        }
        // a record's constructor refused what it was given, e.g. a query without an id (requireNonNull(id, "id is null"))
        String refusal = e.getCause() == null ? null : e.getCause().getMessage();
        if (refusal != null && refusal.matches("[a-z][A-Za-z0-9]* is null")) {
            return at + ": " + SNAKE_CASE.translate(refusal.substring(0, refusal.indexOf(' '))) + " is missing";
        }
        return at + ": " + (e.getCause() instanceof NullPointerException ? "a field it needs is missing" : "not valid");
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a time such as 2025-01-01T00:00:00Z";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /** What JSON can hold but a run cannot have produced. */
    private static Optional<String> insane(RunResult result) {
        for (int i = 0; i < result.queries().size(); i++) {
            double ms = result.queries().get(i).ms();
            if (ms < 0) {
                return Optional.of("queries[" + i + "].ms is negative (" + ms + ")");
            }
        }
        if (result.summary().totalMs() < 0) {
            return Optional.of("summary.total_ms is negative (" + result.summary().totalMs() + ")");
        }
        if (result.summary().geometricMeanMs() < 0) {
            return Optional.of("summary.geometric_mean_ms is negative (" + result.summary().geometricMeanMs() + ")");
        }
        return Optional.empty();
    }

    private static String megabytes(long bytes) {
        return count((bytes + (1 << 20) - 1) / (1 << 20)) + " MB";
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static BenchboxException refused(Path file, String problem) {
        return refused(file.toString(), problem);
    }

    private static BenchboxException refused(String name, String problem) {
        // field names and tokens come from the file: a line break in one would start a second line
        return new BenchboxException("cannot read results " + name + ": " + problem.replaceAll("[\\p{Cntrl}\\x{85}\\x{2028}\\x{2029}]", "?"));
    }
}
