package dev.benchbox.job;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a refresh function (TPC-H's RF1 or RF2 of one update set) against the Iceberg tables of the current catalog, as
 * one execution of the stream.
 * <p>
 * Untimed, first: the manifest's generator ({@link RefreshGenerators}) makes the update set in the driver, and each of
 * its views is typed (text fields cast to the column types of the table it is like, e.g. {@code orders}: decimals, dates),
 * cached, materialised and registered as a temporary view; then each changed table's row count is read from its current
 * snapshot. Timed, in the driver like a query: the statements, in order, with {@code spark.sql}; their tasks are tagged
 * for {@link TaskMetricsByQuery}. Untimed again: the row counts after, then the views are dropped.
 * <p>
 * The execution's {@code rows} are the rows the function inserted or deleted (the sum of the changed tables' net changes,
 * which {@link Execution#rowChanges()} lists per table with their sign), read from the tables themselves, not assumed.
 * <p>
 * <b>No transaction spans the statements.</b> Iceberg commits each statement on its own (one new snapshot of one
 * table); there is no transaction across tables. When a statement fails, the later ones do not run, and those before it
 * stay committed: the error says which. Putting the data back is a rollback of each table to a snapshot recorded before
 * ({@code CALL <catalog>.system.rollback_to_snapshot('<db>.<table>', <id>)}).
 */
final class RefreshFunctions {

    private RefreshFunctions() {
    }

    /** Stages, runs and measures one refresh function; never throws for what the function or its data did wrong. */
    static Execution execute(SparkSession spark, JobManifest manifest, JobManifest.Query query, String key) {
        JobManifest.Refresh refresh = query.refresh();
        List<String> views = new ArrayList<>();
        List<Dataset<Row>> cached = new ArrayList<>();
        long startedAt = System.currentTimeMillis();
        try {
            RefreshGenerators.StagedSet staged;
            Map<String, Long> before;
            try {
                staged = RefreshGenerators.forName(refresh.generator()).stage(refresh.scale(), refresh.set());
                for (RefreshGenerators.StagedView view : staged.views()) {
                    Dataset<Row> rows = typed(spark, manifest, view);
                    rows.cache();
                    cached.add(rows);
                    rows.count(); // materialised now, so that the clock does not time the generator or the casts
                    rows.createOrReplaceTempView(view.name());
                    views.add(view.name());
                }
                before = rowCounts(spark, manifest, staged.tables());
            } catch (Exception e) { // nothing ran: the tables are as they were
                return failed(query, key, startedAt, "cannot stage update set " + refresh.set() + " of \"" + refresh.generator()
                        + "\" at scale " + refresh.scale() + " (no statement ran): " + message(e));
            }
            log(query.id() + ": staged update set " + refresh.set() + " as " + String.join(", ", views));

            String error = null;
            startedAt = System.currentTimeMillis();
            long started = System.nanoTime();
            spark.sparkContext().setLocalProperty(TaskMetricsByQuery.PROPERTY, key);
            int done = 0;
            try {
                for (String statement : refresh.statements()) {
                    spark.sql(statement); // DML runs as the Dataset is made, committing its own snapshot
                    done++;
                }
            } catch (Exception e) { // Spark throws checked exceptions without declaring them
                error = failure(refresh.statements(), done, e);
            } finally {
                spark.sparkContext().setLocalProperty(TaskMetricsByQuery.PROPERTY, null);
            }
            long elapsed = System.nanoTime() - started;

            Map<String, Long> changes = new LinkedHashMap<>();
            long rows = 0;
            try {
                Map<String, Long> after = rowCounts(spark, manifest, staged.tables());
                for (Map.Entry<String, Long> table : after.entrySet()) {
                    long change = table.getValue() - before.get(table.getKey());
                    changes.put(table.getKey(), change);
                    rows += Math.abs(change);
                }
            } catch (Exception e) {
                String unread = "cannot read the row counts of " + String.join(", ", staged.tables()) + " after it: " + message(e);
                error = error == null ? unread : error + "; " + unread;
            }
            return new Execution(query.id(), 1, false, elapsed, rows, List.of(), List.of(), error, key, Map.of(), Map.of(),
                    startedAt, changes);
        } finally {
            for (String view : views) {
                spark.catalog().dropTempView(view);
            }
            cached.forEach(Dataset::unpersist);
        }
    }

    /** The view's text fields as a Dataset typed like its table (names, types, order) or by its own columns. */
    private static Dataset<Row> typed(SparkSession spark, JobManifest manifest, RefreshGenerators.StagedView view) {
        StructType target;
        if (view.likeTable() != null) {
            target = spark.table(qualified(manifest, view.likeTable())).schema();
        } else {
            List<String> ddl = new ArrayList<>();
            view.columns().forEach(c -> ddl.add(quote(c.name()) + " " + c.type()));
            target = StructType.fromDDL(String.join(", ", ddl));
        }
        StructField[] fields = target.fields();
        String like = view.likeTable() == null ? "its columns" : "table " + view.likeTable();
        List<Row> rows = new ArrayList<>(view.rows().size());
        for (List<String> row : view.rows()) {
            if (row.size() != fields.length) {
                throw new IllegalArgumentException("view " + view.name() + ": a row has " + row.size() + " fields, " + like
                        + " has " + fields.length + " columns");
            }
            rows.add(RowFactory.create(row.toArray()));
        }
        StructField[] text = new StructField[fields.length];
        Column[] casts = new Column[fields.length];
        Column unconverted = functions.lit(false);
        for (int i = 0; i < fields.length; i++) {
            text[i] = DataTypes.createStructField(fields[i].name(), DataTypes.StringType, true);
            Column value = functions.col(quote(fields[i].name()));
            casts[i] = value.cast(fields[i].dataType()).as(fields[i].name());
            unconverted = unconverted.or(value.isNotNull().and(value.cast(fields[i].dataType()).isNull()));
        }
        int slices = Math.max(1, Math.min(spark.sparkContext().defaultParallelism(), rows.size() / 10_000 + 1));
        Dataset<Row> strings = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, slices),
                DataTypes.createStructType(text));
        // a value that does not convert would become NULL without a word (non-ANSI casts): refuse it instead
        long bad = strings.filter(unconverted).count();
        if (bad > 0) {
            throw new IllegalArgumentException("view " + view.name() + ": " + bad + " row(s) hold values that do not convert to the "
                    + "types of " + like + " " + target.simpleString());
        }
        return strings.select(casts);
    }

    /** Each table's rows now, as its current snapshot counts them (Iceberg keeps the total in the snapshot's summary). */
    private static Map<String, Long> rowCounts(SparkSession spark, JobManifest manifest, List<String> tables) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            String name = qualified(manifest, table);
            List<Row> current = spark.sql("SELECT s.summary['total-records'], s.summary['total-position-deletes'], "
                    + "s.summary['total-equality-deletes'] FROM " + name + ".snapshots s JOIN " + name + ".refs r "
                    + "ON s.snapshot_id = r.snapshot_id WHERE r.name = 'main'").collectAsList();
            Long total = null;
            if (current.size() == 1 && current.get(0).getString(0) != null && isZero(current.get(0).getString(1))
                    && isZero(current.get(0).getString(2))) {
                total = Long.parseLong(current.get(0).getString(0));
            }
            if (total == null) { // delete files, or a summary without totals: count the rows themselves
                total = spark.sql("SELECT count(*) FROM " + name).first().getLong(0);
            }
            counts.put(table, total);
        }
        return counts;
    }

    private static boolean isZero(String count) {
        return count == null || count.equals("0");
    }

    /** Which statement failed, and which had committed before it (they stay: nothing spans the statements). */
    static String failure(List<String> statements, int done, Exception e) {
        StringBuilder text = new StringBuilder("statement " + (done + 1) + " of " + statements.size() + " failed: " + message(e));
        if (done == 0) {
            text.append("; no statement of it had committed");
        } else {
            text.append("; ").append(done == 1 ? "statement 1 had already committed (each statement commits on its own) and stays"
                    : "statements 1-" + done + " had already committed (each statement commits on its own) and stay").append(" committed:");
            for (int i = 0; i < done; i++) {
                text.append(" [").append(i + 1).append("] ").append(firstLine(statements.get(i)));
            }
        }
        return text.toString();
    }

    private static Execution failed(JobManifest.Query query, String key, long startedAt, String error) {
        return new Execution(query.id(), 1, false, 0, 0, List.of(), List.of(), error, key, Map.of(), Map.of(), startedAt, Map.of());
    }

    private static String qualified(JobManifest manifest, String table) {
        return quote(manifest.icebergCatalog()) + "." + quote(manifest.database()) + "." + quote(table);
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static String message(Throwable e) {
        String text = e instanceof AnalysisException a ? a.getSimpleMessage() : e.getMessage();
        if (text == null || text.isBlank()) {
            text = e.getClass().getName();
        }
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }

    private static String firstLine(String text) {
        String line = text.strip();
        int newline = line.indexOf('\n');
        line = newline < 0 ? line : line.substring(0, newline);
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    private static void log(String message) {
        System.out.println("benchbox-job: " + message);
    }
}
