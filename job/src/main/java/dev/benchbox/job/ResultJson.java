package dev.benchbox.job;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;

/**
 * Writes the job's output files: one per execution and the run's summary. The formats are the contract with
 * the shell's {@code JobResults}; values keep their type: numbers as JSON numbers (decimals exactly, in plain
 * notation), dates and timestamps as ISO strings, NaN and infinities (which JSON has no numbers for) as strings.
 */
final class ResultJson {

    private static final JsonFactory JSON = new JsonFactory();

    private ResultJson() {
    }

    /** {@code results/<id>-<iteration>.json}: one execution with its columns and first rows. */
    static byte[] execution(String runId, Execution e) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("run_id", runId);
            g.writeStringField("id", e.id());
            g.writeNumberField("iteration", e.iteration());
            g.writeBooleanField("warmup", e.warmup());
            g.writeFieldName("ms");
            g.writeNumber(millis(e.nanos()));
            g.writeNumberField("rows", e.rows());
            phases(g, e);
            metrics(g, e);
            rowChanges(g, e);
            g.writeArrayFieldStart("columns");
            for (StructField field : e.fields()) {
                g.writeStartObject();
                g.writeStringField("name", field.name());
                g.writeStringField("type", field.dataType().simpleString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("data");
            for (Row row : e.kept()) {
                g.writeStartArray();
                for (int i = 0; i < row.length(); i++) {
                    value(g, row.get(i));
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeStringField("error", e.error());
            g.writeEndObject();
        });
    }

    /**
     * {@code summary.json}: the run's outcome, the driver's milestones ({@link DriverTimes}) and every execution without
     * its rows (with its phases and task metrics); written last.
     */
    static byte[] summary(String runId, String sparkVersion, DriverTimes times, long startedMillis, long endedMillis,
                          List<Execution> executions) {
        boolean failed = executions.stream().anyMatch(e -> e.error() != null);
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("run_id", runId);
            g.writeStringField("status", failed ? "FAILED_QUERIES" : "SUCCEEDED");
            g.writeNumberField("started", startedMillis);
            g.writeNumberField("ended", endedMillis);
            times.write(g, executions);
            g.writeStringField("spark_version", sparkVersion);
            g.writeArrayFieldStart("executions");
            for (Execution e : executions) {
                g.writeStartObject();
                g.writeStringField("id", e.id());
                g.writeNumberField("iteration", e.iteration());
                g.writeBooleanField("warmup", e.warmup());
                g.writeFieldName("ms");
                g.writeNumber(millis(e.nanos()));
                g.writeNumberField("rows", e.rows());
                phases(g, e);
                metrics(g, e);
                rowChanges(g, e);
                g.writeStringField("error", e.error());
                g.writeStringField("result", e.resultKey());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** {@code "phases_ms": {"parsing": 3, ...}}: Spark's planning phases; the rest of {@code ms} is execution. */
    private static void phases(JsonGenerator g, Execution e) throws IOException {
        if (e.phases().isEmpty()) {
            return;
        }
        g.writeObjectFieldStart("phases_ms");
        for (java.util.Map.Entry<String, Long> phase : e.phases().entrySet()) {
            g.writeNumberField(phase.getKey(), phase.getValue());
        }
        g.writeEndObject();
    }

    /** {@code "metrics": {"input_rows": 60175, ...}}: what the execution's tasks read, shuffled and spilled. */
    private static void metrics(JsonGenerator g, Execution e) throws IOException {
        if (e.metrics().isEmpty()) {
            return;
        }
        g.writeObjectFieldStart("metrics");
        for (java.util.Map.Entry<String, Long> metric : e.metrics().entrySet()) {
            g.writeNumberField(metric.getKey(), metric.getValue());
        }
        g.writeEndObject();
    }

    /**
     * {@code "row_changes": {"orders": 10, "lineitem": 41}}: a refresh function's net change of each table's rows (negative:
     * deleted); its {@code rows} is the sum of their sizes, the rows it inserted or deleted.
     */
    private static void rowChanges(JsonGenerator g, Execution e) throws IOException {
        if (e.rowChanges().isEmpty()) {
            return;
        }
        g.writeObjectFieldStart("row_changes");
        for (java.util.Map.Entry<String, Long> change : e.rowChanges().entrySet()) {
            g.writeNumberField(change.getKey(), change.getValue());
        }
        g.writeEndObject();
    }

    /** Milliseconds with every nanosecond kept, in plain notation (never 1.0E-4). */
    private static String millis(long nanos) {
        return new BigDecimal(BigInteger.valueOf(nanos), 6).toPlainString();
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d.toPlainString()); // as written: no scientific notation, no rounding
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                g.writeString(d.toString());
            } else {
                g.writeNumber(d);
            }
        } else if (v instanceof Float f) {
            if (f.isNaN() || f.isInfinite()) {
                g.writeString(f.toString());
            } else {
                g.writeNumber(f);
            }
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof java.sql.Date d) {
            g.writeString(d.toLocalDate().toString());
        } else if (v instanceof LocalDate d) {
            g.writeString(d.toString());
        } else if (v instanceof Timestamp t) {
            g.writeString(t.toInstant().toString());
        } else if (v instanceof Instant || v instanceof LocalDateTime) {
            g.writeString(v.toString());
        } else if (v instanceof byte[] bytes) {
            g.writeString(Base64.getEncoder().encodeToString(bytes));
        } else {
            g.writeString(v.toString()); // strings; structs, arrays and maps as Spark prints them
        }
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toByteArray();
    }
}
