package dev.benchbox.platform.emr.job;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.BenchboxException;
import dev.benchbox.datagen.DecimalType;
import dev.benchbox.dataset.Column;
import dev.benchbox.platform.QueryExecution;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * What a job run of the Spark job wrote under its output prefix, read back with the S3 client: the summary
 * ({@code summary.json}, written last) and every execution's result file ({@code results/<id>-<iteration>.json}).
 * <p>
 * Values come back typed by their Spark column type, as a JDBC engine would return them, so that answers
 * from Spark validate exactly like DuckDB's: {@code decimal(p,s)} → {@link BigDecimal} with scale s,
 * {@code bigint} → Long, {@code int} → Integer, {@code smallint} → Short, {@code tinyint} → Byte, {@code double}
 * → Double, {@code float} → Float, {@code boolean} → Boolean, {@code date} → {@link LocalDate},
 * {@code timestamp} → {@link Instant}, {@code timestamp_ntz} → {@link LocalDateTime}, {@code binary} → byte[],
 * strings and anything else → String.
 *
 * @param runId        the manifest's run id
 * @param status       whether every execution succeeded
 * @param started      when the job began its run (its own clock)
 * @param ended        when it wrote the summary
 * @param sparkVersion the Spark version the job ran on
 * @param results      every execution in the order run: warm-ups, then iterations, each over all queries
 * @param driver       the driver's milestones (its JVM, Spark, the first and last query); null from a job that did not write them
 */
public record JobResults(String runId, Status status, Instant started, Instant ended, String sparkVersion,
                         List<Result> results, dev.benchbox.cost.DriverClock driver) {

    /** The run's outcome as the job reports it. */
    public enum Status {
        /** Every execution returned its result. */
        SUCCEEDED,
        /** At least one execution recorded an error; the others still have their results. */
        FAILED_QUERIES
    }

    /**
     * One execution with the result's column types, which {@link QueryExecution} does not carry.
     *
     * @param execution timings, row count, the first rows (typed) or the error
     * @param columns   the result's columns with Spark's type names ({@code decimal(15,2)}, {@code bigint}, ...)
     */
    public record Result(QueryExecution execution, List<Column> columns) {
        public Result {
            requireNonNull(execution, "execution is null");
            columns = List.copyOf(columns);
        }
    }

    /** The summary's name under the output prefix. */
    public static final String SUMMARY = "summary.json";

    // Decimals must not pass through double on the way in.
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public JobResults {
        requireNonNull(runId, "runId is null");
        requireNonNull(status, "status is null");
        requireNonNull(started, "started is null");
        requireNonNull(ended, "ended is null");
        results = List.copyOf(results);
    }

    /** The executions alone, in the order run. */
    public List<QueryExecution> executions() {
        return results.stream().map(Result::execution).toList();
    }

    /**
     * Reads a finished run's output: the summary, then each execution's result file.
     *
     * @param output the run's output prefix ({@link RunManifest#output()})
     * @throws BenchboxException if there is no summary (the job did not finish) or a file is missing or malformed
     */
    public static JobResults read(S3Client s3, String output) {
        requireNonNull(s3, "s3 is null");
        S3Uri prefix = S3Uri.parse(output).asPrefix();
        S3Uri summaryUri = prefix.resolve(SUMMARY);
        JsonNode summary = get(s3, summaryUri);
        if (summary == null) {
            throw new BenchboxException("no " + summaryUri + ": the job did not finish its run (see its driver log)");
        }
        List<Result> results = new ArrayList<>();
        for (JsonNode execution : summary.path("executions")) {
            S3Uri resultUri = prefix.resolve(execution.path("result").asText());
            JsonNode result = get(s3, resultUri);
            if (result == null) {
                throw new BenchboxException("no " + resultUri + ", although " + summaryUri + " lists it");
            }
            try {
                results.add(result(result));
            } catch (IllegalArgumentException e) {
                throw new BenchboxException("cannot read " + resultUri + ": " + e.getMessage(), e);
            }
        }
        Status status;
        try {
            status = Status.valueOf(summary.path("status").asText());
        } catch (IllegalArgumentException e) {
            throw new BenchboxException("cannot read " + summaryUri + ": unknown status \"" + summary.path("status").asText() + "\"", e);
        }
        return new JobResults(summary.path("run_id").asText(), status,
                Instant.ofEpochMilli(summary.path("started").asLong()), Instant.ofEpochMilli(summary.path("ended").asLong()),
                summary.path("spark_version").textValue(), results, driver(summary.path("driver")));
    }

    /** The summary's {@code driver}: epoch milliseconds on the driver's clock. */
    private static dev.benchbox.cost.DriverClock driver(JsonNode driver) {
        if (!driver.path("jvm_started").isIntegralNumber() || !driver.path("main_started").isIntegralNumber()
                || !driver.path("spark_ready").isIntegralNumber()) {
            return null;
        }
        return new dev.benchbox.cost.DriverClock(Instant.ofEpochMilli(driver.path("jvm_started").asLong()),
                Instant.ofEpochMilli(driver.path("main_started").asLong()), Instant.ofEpochMilli(driver.path("spark_ready").asLong()),
                driver.path("first_query").isIntegralNumber() ? Instant.ofEpochMilli(driver.path("first_query").asLong()) : null,
                driver.path("last_query_end").isIntegralNumber() ? Instant.ofEpochMilli(driver.path("last_query_end").asLong()) : null);
    }

    /**
     * What a run that did not finish (cancelled) wrote before it stopped: the job writes each execution's result file as
     * the execution ends, in the manifest's order (warm-up rounds, then iterations, each over every query), so the
     * files present up to the first missing one are what finished. Names as the job gives them ({@code JobManifest}).
     *
     * @param output the run's output prefix ({@link RunManifest#output()})
     * @param queryIds the manifest's query ids, in order
     */
    public static List<Result> readFinished(S3Client s3, String output, List<String> queryIds, int warmups, int iterations) {
        requireNonNull(s3, "s3 is null");
        S3Uri prefix = S3Uri.parse(output).asPrefix();
        List<Result> results = new ArrayList<>();
        for (int round = 0; round < warmups + iterations; round++) {
            boolean warmup = round < warmups;
            String suffix = warmup ? "warmup-" + (round + 1) : String.valueOf(round - warmups + 1);
            for (String id : queryIds) {
                S3Uri uri = prefix.resolve("results/" + id.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + suffix + ".json");
                JsonNode result = get(s3, uri);
                if (result == null) {
                    return results;
                }
                try {
                    results.add(result(result));
                } catch (IllegalArgumentException e) {
                    throw new BenchboxException("cannot read " + uri + ": " + e.getMessage(), e);
                }
            }
        }
        return results;
    }

    /**
     * Parses one result file.
     *
     * @throws IllegalArgumentException if it is not one
     */
    public static Result parseResult(String json) {
        return result(parse(json));
    }

    private static Result result(JsonNode node) {
        if (!node.path("id").isTextual()) {
            throw new IllegalArgumentException("not a result file: no id");
        }
        List<Column> columns = new ArrayList<>();
        for (JsonNode column : node.path("columns")) {
            columns.add(new Column(column.path("name").asText(), column.path("type").asText()));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode data : node.path("data")) {
            if (data.size() != columns.size()) {
                throw new IllegalArgumentException("result " + node.path("id").asText() + ": a row has " + data.size()
                        + " values for " + columns.size() + " columns");
            }
            List<Object> row = new ArrayList<>(columns.size());
            for (int c = 0; c < columns.size(); c++) {
                row.add(value(data.get(c), columns.get(c).type()));
            }
            rows.add(row);
        }
        QueryExecution execution = new QueryExecution(node.path("id").asText(), node.path("iteration").asInt(),
                node.path("warmup").asBoolean(), nanos(node.path("ms")), node.path("rows").asLong(),
                columns.stream().map(Column::name).toList(), rows, node.path("error").textValue(), phases(node.path("phases_ms")),
                phases(node.path("metrics")));
        return new Result(execution, columns);
    }

    /**
     * Named figures in the job's order: Spark's planning phases (parsing, analysis, optimization, planning) in
     * milliseconds, or its task metrics (rows and bytes).
     */
    private static java.util.Map<String, Long> phases(JsonNode phases) {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        phases.properties().forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    /** The job writes milliseconds with six decimals: every nanosecond comes back. */
    private static long nanos(JsonNode millis) {
        return millis.decimalValue().movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** A JSON value back to the Java type a JDBC driver would give for the Spark type. */
    static Object value(JsonNode v, String sparkType) {
        if (v == null || v.isNull()) {
            return null;
        }
        String type = sparkType.toLowerCase(Locale.ROOT);
        Optional<DecimalType> decimal = DecimalType.parse(type);
        if (decimal.isPresent()) {
            // Jackson may strip trailing zeros on the way in; the column's scale puts them back (0.10, not 0.1).
            BigDecimal d = v.decimalValue();
            int scale = decimal.get().scale();
            return d.scale() <= scale ? d.setScale(scale, RoundingMode.UNNECESSARY) : d;
        }
        return switch (type) {
            case "bigint" -> v.asLong();
            case "int", "integer" -> v.asInt();
            case "smallint" -> (short) v.asInt();
            case "tinyint" -> (byte) v.asInt();
            case "double" -> v.isTextual() ? Double.valueOf(v.asText()) : v.doubleValue(); // NaN, Infinity
            case "float" -> v.isTextual() ? Float.valueOf(v.asText()) : v.floatValue();
            case "boolean" -> v.asBoolean();
            case "date" -> LocalDate.parse(v.asText());
            case "timestamp" -> Instant.parse(v.asText());
            case "timestamp_ntz" -> LocalDateTime.parse(v.asText());
            case "binary" -> Base64.getDecoder().decode(v.asText());
            default -> v.isTextual() ? v.asText() : v.toString();
        };
    }

    /** The object as JSON, or null if there is none. */
    private static JsonNode get(S3Client s3, S3Uri uri) {
        byte[] bytes;
        try {
            bytes = s3.getObjectAsBytes(b -> b.bucket(uri.bucket()).key(uri.key())).asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        }
        try {
            return parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new BenchboxException("cannot read " + uri + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(requireNonNull(json, "json is null"));
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }
}
