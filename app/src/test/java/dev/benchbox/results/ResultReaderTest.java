package dev.benchbox.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.benchbox.BenchboxException;
import dev.benchbox.results.compare.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a results file holds, reading it gives a run or one line naming the file and what is wrong: never another
 * exception, never a second line, never a Java name, never all of memory.
 */
class ResultReaderTest {
    /** An EMR run: job runs, resource figures, a configuration with settings, statistics: every section. */
    private static final RunResult RUN = Fixtures.emr("ARM64", 4, "0.12", 900, 60_000, 41_000.5,
            Fixtures.stat("Q1", 100, 0.05), Fixtures.stat("Q6", 40.25, null));

    @TempDir
    Path dir;

    private final ResultStore store = new ResultStore(Path.of("unused"));
    private final ResultReader reader = new ResultReader(store.mapper());

    private byte[] valid() throws IOException {
        return store.mapper().writeValueAsBytes(RUN);
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the file expecting a refusal, and returns its message after checking it is one clean line naming the file. */
    private String refused(Path file) {
        Throwable thrown = catchThrowable(() -> reader.read(file));
        assertThat(thrown).as("reading %s", file).isExactlyInstanceOf(BenchboxException.class);
        String message = thrown.getMessage();
        assertClean(message, file.toString());
        return message.substring(("cannot read results " + file + ": ").length());
    }

    /** The file read, or was refused in one line: nothing else (a field name from the file may hold anything). */
    private void readsOrIsRefused(Path file) {
        try {
            reader.read(file);
        } catch (BenchboxException e) {
            assertThat(e.getMessage()).startsWith("cannot read results " + file + ": ").doesNotContain("\n", "\r", "Exception");
        }
    }

    private static void assertClean(String message, String name) {
        assertThat(message).startsWith("cannot read results " + name + ": ")
                .doesNotContain("\n", "\r", "\u2028", "\u2029", "\u0085")
                .doesNotContain("Exception", "java.", "jackson", "Jackson", "dev.benchbox", "`", "Source:");
    }

    @Test
    void whatItWritesReadsBack() throws Exception {
        assertThat(reader.read(write("run.json", valid()))).isEqualTo(RUN);
    }

    @Nested
    class Broken {
        @Test
        void truncatedAtEveryByteOffset() throws Exception {
            byte[] valid = valid();
            Path file = dir.resolve("cut.json");
            Files.write(file, new byte[0]);
            assertThat(refused(file)).isEqualTo("the file is empty");
            for (int length = 1; length < valid.length; length++) {
                Files.write(file, Arrays.copyOf(valid, length));
                // mostly "it ends before the JSON is complete"; cut after "12." the number is what is wrong
                assertThat(refused(file)).as("cut after %d bytes", length).matches("not JSON \\(line \\d+, column \\d+\\): .+");
            }
        }

        @Test
        void truncatedMidValueSaysWhereItEnds() throws Exception {
            Path file = write("cut.json", "{\"run\": {\"id\": \"r\",\n  \"warmups\": 1");
            assertThat(refused(file)).isEqualTo("not JSON (line 2, column 15): it ends before the JSON is complete");
        }

        @Test
        void randomBytesWithAFixedSeed() throws Exception {
            Random random = new Random(20251207);
            Path file = dir.resolve("random.json");
            for (int i = 0; i < 500; i++) {
                byte[] bytes = new byte[1 + random.nextInt(3000)];
                random.nextBytes(bytes);
                Files.write(file, bytes);
                refused(file);
            }
        }

        @Test
        void randomJsonLikeTextWithAFixedSeed() throws Exception {
            String alphabet = "{}[]\":,0123456789.eE-+ \n\ttruefalsnul\\/abcé\u0000";
            Random random = new Random(42);
            Path file = dir.resolve("random.json");
            for (int i = 0; i < 500; i++) {
                StringBuilder text = new StringBuilder();
                for (int n = random.nextInt(200); n > 0; n--) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                Files.writeString(file, text);
                refused(file);
            }
        }

        @Test
        void aByteFlippedAnywhereInAValidFile() throws Exception {
            byte[] valid = valid();
            Random random = new Random(7);
            Path file = dir.resolve("flipped.json");
            for (int i = 0; i < 500; i++) {
                byte[] bytes = valid.clone();
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                Files.write(file, bytes);
                readsOrIsRefused(file);
            }
        }

        @Test
        void trailingTextAfterTheResults() throws Exception {
            byte[] valid = valid();
            byte[] bytes = Arrays.copyOf(valid, valid.length + 6);
            System.arraycopy(" oops!".getBytes(StandardCharsets.US_ASCII), 0, bytes, valid.length, 6);
            assertThat(refused(write("tail.json", bytes))).startsWith("not JSON (line ");
            byte[] twice = Arrays.copyOf(valid, valid.length * 2);
            System.arraycopy(valid, 0, twice, valid.length, valid.length);
            assertThat(refused(write("twice.json", twice))).matches("not JSON \\(line \\d+, column 2\\): more follows the end of the JSON value");
        }

        @Test
        void syntaxErrorsSayWhereAndWhatWasExpected() throws Exception {
            assertThat(refused(write("notes.json", "{\"run\": {\n  oops")))
                    .isEqualTo("not JSON (line 2, column 3): unexpected character ('o'): was expecting double-quote to start field name");
            assertThat(refused(write("nan.json", "{\"run\": NaN}"))).startsWith("not JSON (line 1, column ");
        }
    }

    @Nested
    class Encoding {
        @Test
        void latin1IsNotUtf8() throws Exception {
            String text = new String(valid(), StandardCharsets.UTF_8).replace("\"note\"", "\"caf\u00e9\"");
            Path file = write("latin1.json", text.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(refused(file)).matches("not UTF-8 text \\(an invalid byte on line \\d+\\)");
        }

        @Test
        void anInvalidByteIsFoundOnItsLine() throws Exception {
            byte[] bytes = "{\n\n\"x\": \"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
            assertThat(refused(write("bad.json", bytes))).isEqualTo("not UTF-8 text (an invalid byte on line 3)");
        }

        @Test
        void utf16IsNotUtf8() throws Exception {
            Path file = write("utf16.json", new String(valid(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16));
            assertThat(refused(file)).startsWith("not UTF-8 text");
        }
    }

    @Nested
    class Numbers {
        @Test
        void anOverflowingNumberIsNamedByItsField() throws Exception {
            String text = new String(valid(), StandardCharsets.UTF_8).replaceFirst("\"ms\" : [0-9.]+", "\"ms\" : 1e999");
            assertThat(refused(write("inf.json", text))).isEqualTo("queries[0].ms is not a finite number");
        }

        @Test
        void negativeOverflowAnywhere() throws Exception {
            String text = new String(valid(), StandardCharsets.UTF_8).replaceFirst("\"scale_factor\" : [0-9.]+", "\"scale_factor\" : -1E400");
            assertThat(refused(write("inf.json", text))).isEqualTo("benchmark.scale_factor is not a finite number");
        }

        @Test
        void nanAndInfinityAreNotJson() throws Exception {
            for (String token : List.of("NaN", "Infinity", "-Infinity", "+1", "0x10", "01")) {
                String text = new String(valid(), StandardCharsets.UTF_8).replaceFirst("\"ms\" : [0-9.]+", "\"ms\" : " + token);
                assertThat(refused(write("nan.json", text))).as(token).startsWith("not JSON (line ");
            }
        }

        @Test
        void aNegativeTimeIsRefused() throws Exception {
            String text = new String(valid(), StandardCharsets.UTF_8).replaceFirst("\"ms\" : [0-9.]+", "\"ms\" : -5");
            assertThat(refused(write("negative.json", text))).isEqualTo("queries[0].ms is negative (-5.0)");
        }

        @Test
        void aNumberOfAThousandDigits() throws Exception {
            String text = new String(valid(), StandardCharsets.UTF_8).replaceFirst("\"ms\" : [0-9.]+", "\"ms\" : " + "9".repeat(5000));
            assertThat(refused(write("long.json", text))).startsWith("a number longer than 1,000 digits, the limit for a results file (line ");
        }
    }

    @Nested
    class Limits {
        @Test
        void aFiftyMegabyteStringIsOverTheStringLimit() throws Exception {
            String text = "{\"run\": {\"id\": \"" + "x".repeat(50 * 1024 * 1024) + "\"}}";
            assertThat(refused(write("huge.json", text))).isEqualTo(
                    "a string longer than 1,048,576 characters, the limit for a results file (line 1, column 16)");
        }

        @Test
        void aHugeFieldName() throws Exception {
            String text = "{\"" + "k".repeat(2 * 1024 * 1024) + "\": 1}";
            assertThat(refused(write("name.json", text))).startsWith("a string longer than 1,048,576 characters");
        }

        @Test
        void deeplyNestedArrays() throws Exception {
            String text = "{\"run\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
            assertThat(refused(write("deep.json", text))).isEqualTo("values nested deeper than 64 levels, the limit for a results file (line 1, column 72)");
        }

        @Test
        void deeplyNestedObjectsInsideValidResults() throws Exception {
            String text = new String(valid(), StandardCharsets.UTF_8).replace("\"details\" : { }",
                    "\"details\" : " + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));
            assertThat(text).contains("{\"a\":{\"a\":");
            assertThat(refused(write("deep.json", text))).startsWith("values nested deeper than 64 levels");
        }

        @Test
        void millionsOfTinyValues() throws Exception {
            StringBuilder text = new StringBuilder("{\"run\": [");
            for (int i = 0; i < 5_000_000; i++) {
                text.append("0,");
            }
            text.append("0]}");
            assertThat(refused(write("tokens.json", text.toString()))).startsWith("more than 2,000,000 JSON values, the limit for a results file (line 1, column ");
        }

        @Test
        void aLargeSparseFileIsRefusedByItsSize() throws Exception {
            Path file = dir.resolve("sparse.json");
            try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
                sparse.setLength(1L << 40);
            }
            assertThat(refused(file)).isEqualTo("1,048,576 MB, larger than 64 MB, the limit for a results file");
        }

        @Test
        void justOverTheLimit() throws Exception {
            Path file = dir.resolve("big.json");
            try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
                sparse.setLength(ResultReader.MAX_BYTES + 1L);
            }
            assertThat(refused(file)).isEqualTo("65 MB, larger than 64 MB, the limit for a results file");
        }

        @Test
        void anEndlessStreamIsReadNoFurtherThanTheLimit() {
            InputStream zeros = new InputStream() {
                @Override
                public int read() {
                    return 0;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    Arrays.fill(b, off, off + len, (byte) 0);
                    return len;
                }
            };
            Throwable thrown = catchThrowable(() -> reader.read("/dev/zero", zeros));
            assertThat(thrown).isExactlyInstanceOf(BenchboxException.class)
                    .hasMessage("cannot read results /dev/zero: larger than 64 MB, the limit for a results file");
        }

        @Test
        void aPipeIsRefusedWithoutWaitingForAWriter() throws Exception {
            Path fifo = dir.resolve("pipe.json");
            Process mkfifo;
            try {
                mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
            } catch (IOException e) {
                assumeTrue(false, "no mkfifo here");
                return;
            }
            assumeTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
            // opening a pipe for reading would block until a writer comes: the reader must not open it
            String message = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> refused(fifo));
            assertThat(message).isEqualTo("not a regular file (a device, a pipe or a socket)");
        }

        /** The limits are far above what a real run writes: 99 TPC-DS queries, 100 measured iterations each. */
        @Test
        void aLongTpcdsRunIsWellWithinTheLimits() throws Exception {
            Instant started = Instant.parse("2025-01-01T00:00:00Z");
            List<QueryResult> queries = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int q = 1; q <= 99; q++) {
                ids.add("Q" + q);
                for (int i = 1; i <= 100; i++) {
                    queries.add(new QueryResult("Q" + q, i, 1234.567 + i, 100, QueryResult.FAILED, "exact",
                            "row 12 column sum_sales: expected 12345.67, got 12345.68"));
                }
            }
            RunResult run = new RunResult(new RunResult.Run("run-1", started, started.plusSeconds(3600), 1, 100, "exact"),
                    new RunResult.Benchmark("tpcds", 10, ids), new RunResult.PlatformInfo("duckdb", "v1.4.4", "main", Map.of()),
                    new RunResult.Summary(9900, 0, 9900, 0, 1e7, 1234.5, null, "note"), queries, List.of());
            byte[] bytes = store.mapper().writeValueAsBytes(run);

            assertThat(bytes.length).isLessThan(ResultReader.MAX_BYTES / 10);
            assertThat(reader.read(write("tpcds.json", bytes))).isEqualTo(run);
        }
    }

    @Nested
    class WrongShapes {
        @Test
        void wrongTypesSayWhereAndWhatWasExpected() throws Exception {
            assertThat(refused(write("odd.json", "{\"run\": 1, \"benchmark\": {}, \"platform\": {}, \"summary\": {}, \"queries\": []}")))
                    .isEqualTo("not a BenchBox results file (run: expected an object)");
            String text = new String(valid(), StandardCharsets.UTF_8).replaceFirst("\"ms\" : [0-9.]+", "\"ms\" : \"fast\"");
            assertThat(refused(write("ms.json", text))).isEqualTo("not a BenchBox results file (queries[0].ms: expected a number)");
            text = new String(valid(), StandardCharsets.UTF_8).replaceFirst("\"started\" : \"[^\"]+\"", "\"started\" : \"yesterday\"");
            assertThat(refused(write("when.json", text)))
                    .isEqualTo("not a BenchBox results file (run.started: expected a time such as 2025-01-01T00:00:00Z)");
        }

        @Test
        void aMissingRequiredFieldIsNamed() throws Exception {
            String text = new String(valid(), StandardCharsets.UTF_8).replaceFirst("\"id\" : \"Q1\",", "");
            assertThat(refused(write("noid.json", text))).isEqualTo("not a BenchBox results file (queries[0]: id is missing)");
            ObjectNode json = (ObjectNode) store.mapper().readTree(valid());
            ((ObjectNode) json.get("platform")).remove("details");
            assertThat(refused(write("nodetails.json", store.mapper().writeValueAsBytes(json))))
                    .isEqualTo("not a BenchBox results file (platform: a field it needs is missing)");
        }

        @Test
        void anUnknownFieldIsNamed() throws Exception {
            String text = new String(valid(), StandardCharsets.UTF_8).replaceFirst("\"warmups\"", "\"warmpus\"");
            assertThat(refused(write("typo.json", text))).isEqualTo("not a BenchBox results file (unknown field run.warmpus)");
        }

        @Test
        void notResultsAtAll() throws Exception {
            for (String text : List.of("[1, 2]", "null", "\"results\"", "42", "{}", "{\"run\": null}")) {
                assertThat(refused(write("other.json", text))).as(text)
                        .isEqualTo("not a BenchBox results file (it needs run, benchmark, platform, summary, queries)");
            }
            assertThat(refused(write("blank.json", "  \n"))).isEqualTo("not JSON (there is no value in it)");
        }

        /** Every value of a valid file, replaced in turn by a value of every other JSON type. */
        @Test
        void everyValueReplacedByEveryType() throws Exception {
            JsonNode valid = store.mapper().readTree(valid());
            List<JsonNode> replacements = List.of(JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.numberNode(-1),
                    JsonNodeFactory.instance.numberNode(1.5), JsonNodeFactory.instance.numberNode(new java.math.BigInteger("9".repeat(40))),
                    JsonNodeFactory.instance.textNode("x"), JsonNodeFactory.instance.booleanNode(true),
                    JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode());
            Path file = dir.resolve("mutant.json");
            int[] mutants = {0};
            forEachValue(valid, mutate -> {
                for (JsonNode replacement : replacements) {
                    JsonNode copy = valid.deepCopy();
                    mutate.replace(copy, replacement);
                    Files.write(file, store.mapper().writeValueAsBytes(copy));
                    readsOrIsRefused(file);
                    mutants[0]++;
                }
            });
            assertThat(mutants[0]).isGreaterThan(500);
        }
    }

    @Nested
    class NotAFile {
        @Test
        void emptyFile() throws Exception {
            assertThat(refused(write("empty.json", new byte[0]))).isEqualTo("the file is empty");
        }

        @Test
        void aDirectory() throws Exception {
            assertThat(refused(Files.createDirectory(dir.resolve("folder.json")))).isEqualTo("it is a directory");
        }

        @Test
        void aMissingFile() {
            assertThat(refused(dir.resolve("gone.json"))).isEqualTo("no such file");
        }

        @Test
        void aFileUnderAFileIsMissingToo() throws Exception {
            assertThat(refused(write("plain.json", valid()).resolve("inner.json"))).isEqualTo("not a directory");
        }

        @Test
        void anUnreadableFile() throws Exception {
            Path file = write("secret.json", valid());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
            assumeFalse(Files.isReadable(file), "this user reads any file (root)");
            assertThat(refused(file)).isEqualTo("permission denied");
        }
    }

    /** Calls back with a way to replace each value (at any depth) of a tree, in a copy of that tree. */
    private static void forEachValue(JsonNode root, ThrowingConsumer<Replacer> callback) throws Exception {
        walk(root, new ArrayList<>(), callback);
    }

    private static void walk(JsonNode node, List<Object> path, ThrowingConsumer<Replacer> callback) throws Exception {
        if (!path.isEmpty()) {
            List<Object> at = List.copyOf(path);
            callback.accept((copy, replacement) -> {
                JsonNode parent = copy;
                for (Object step : at.subList(0, at.size() - 1)) {
                    parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
                }
                Object last = at.get(at.size() - 1);
                if (last instanceof Integer index) {
                    ((ArrayNode) parent).set(index, replacement);
                } else {
                    ((ObjectNode) parent).set((String) last, replacement);
                }
            });
        }
        if (node.isObject()) {
            for (var fields = node.fieldNames(); fields.hasNext(); ) {
                String name = fields.next();
                path.add(name);
                walk(node.get(name), path, callback);
                path.remove(path.size() - 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                walk(node.get(i), path, callback);
                path.remove(path.size() - 1);
            }
        }
    }

    private interface Replacer {
        void replace(JsonNode copy, JsonNode replacement);
    }

    private interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
    }
}
