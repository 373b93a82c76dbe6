package dev.benchbox.benchmark;

import dev.benchbox.cost.TpchEstimates;
import dev.benchbox.dataset.Column;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.DataSetDefinition;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.DataFootprint;
import dev.benchbox.results.QueryResult;
import dev.benchbox.results.RunResult;
import dev.benchbox.tpcds.TpcdsAnswerValidator;
import dev.benchbox.tpcds.TpcdsQueries;
import dev.benchbox.tpcds.TpcdsQuery;
import dev.benchbox.tpcds.TpcdsReferenceAnswers;
import dev.benchbox.tpcds.TpcdsSchema;
import dev.benchbox.tpch.Validation;
import dev.benchbox.tpch.ValidationMode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * TPC-DS: 24 tables from io.trino.tpcds, 99 queries (103 statements), answers at SF 1, and the power test time.
 *
 * <p>Queries 14, 23, 24 and 39 run as two statements each, but the specification counts each as one query: its
 * time is both parts' times added and it passes only when both parts do ({@link #perQuery}).
 */
public final class TpcdsBenchmark implements Benchmark {
    /** CHAR(n) and VARCHAR(n) as io.trino.tpcds declares them; DuckDB keeps them as VARCHAR. */
    private static final DataSet DATA_SET = new DataSetDefinition("tpcds", "TPC-DS", TpcdsSchema.TABLES,
            table -> java.util.Arrays.stream(TpcdsSchema.table(table).getColumns())
                    .map(c -> new Column(c.getName(), TpcdsSchema.sqlType(c.getType()))).toList(),
            TpcdsSchema::parseTables, DataSet.Generator.TPCDS, new TpcdsRowCounts());

    /**
     * From SF 0.01 (below it io.trino.tpcds makes SF 0.01's rows: a load at 0.0001 would hold SF 0.01 and say
     * SF 0.0001) to SF 100000, the largest the TPC defines and the generator accepts.
     */
    private static final ScaleRange SCALES = new ScaleRange("TPC-DS", new BigDecimal("0.01"), new BigDecimal("100000"),
            "the TPC-DS generator makes SF 0.01's rows");
    /**
     * Measured as TPC-H's ({@link TpchBenchmark}) with {@code load tpcds}, at SF 0.01, 0.1 and 1. Memory: DuckDB held
     * 266 MB, 313 MB and 1.05 GB, the shell's peak resident memory grew 928 MB per SF from SF 0.1 (576 MB) to SF 1
     * (1.37 GB); the part that does not grow is the tables that do not scale (customer_demographics' 1.9 million rows,
     * date_dim, time_dim), which is why SF 0.01 already holds a quarter of a gigabyte. File: 32.5 MB at SF 0.01, 50.3 MB
     * at SF 0.1, 385 MB at SF 1 (below SF 1 the fact tables grow slower than the scale: 2.6 to 2.9 million rows in all
     * from SF 0.01 to 0.1, 19.6 million at SF 1), so the per-SF figures are the slopes from SF 0.1 to 1.
     */
    private static final DataFootprint FOOTPRINT = new DataFootprint(DATA_SET.name(),
            new DataFootprint.Size(261_000_000L, 930_000_000L), new DataFootprint.Size(30_500_000L, 372_000_000L));

    @Override
    public DataSet dataSet() {
        return DATA_SET;
    }

    @Override
    public ScaleRange scaleRange() {
        return SCALES;
    }

    @Override
    public List<Scale> answeredScales() {
        return List.of(Scale.of(1));
    }

    @Override
    public String costEstimates() {
        return TpchEstimates.TPCDS_RESOURCE;
    }

    @Override
    public DataFootprint footprint() {
        return FOOTPRINT;
    }

    @Override
    public List<Integer> queries() {
        return TpcdsQueries.all();
    }

    @Override
    public List<Integer> parseQueries(String selection) {
        return QuerySelection.parse(selection, "TPC-DS", TpcdsQueries.COUNT);
    }

    @Override
    public List<BatchQuery> statements(List<Integer> queries) {
        return TpcdsQueries.statements(queries).stream().map(q -> new BatchQuery(q.name(), q.sql())).toList();
    }

    @Override
    public QueryResult check(String statementId, int iteration, double ms, long rows, double scaleFactor, ValidationMode mode,
            List<String> columns, List<List<Object>> keptRows) {
        TpcdsQuery query = statement(statementId);
        Validation validation = TpcdsAnswerValidator.validate(query, scaleFactor, mode, columns, keptRows);
        return Checks.result(statementId, iteration, ms, rows, validation);
    }

    @Override
    public Validation crossCheck(String statementId, List<String> referenceColumns, List<List<Object>> reference,
            List<String> columns, List<List<Object>> keptRows) {
        if (referenceColumns.size() != columns.size()) {
            return Validation.failed(Validation.Method.CROSS, "expected " + referenceColumns.size() + " columns, got " + columns.size());
        }
        Validation same = TpcdsAnswerValidator.sameAnswer(statement(statementId), columns, reference, keptRows);
        return new Validation(same.status(), Validation.Method.CROSS, same.detail().replace("the same answer", "DuckDB's answer"));
    }

    /** The statement behind an id such as {@code Q7} or {@code Q14b}. */
    public static TpcdsQuery statement(String id) {
        String part = id.endsWith("a") || id.endsWith("b") ? id.substring(id.length() - 1) : "";
        int number = Integer.parseInt(id.substring(1, id.length() - part.length()));
        return TpcdsQueries.query(number).stream().filter(q -> q.part().equals(part)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no TPC-DS statement " + id));
    }

    /**
     * One result per query and iteration (and stream): the parts of a two-part query become one, named {@code Q14},
     * with the parts' times and rows added; it is an error if a part was, failed if a part failed, and its message
     * names the part it is about.
     */
    @Override
    public List<QueryResult> perQuery(List<QueryResult> statementResults) {
        Map<String, List<QueryResult>> groups = new LinkedHashMap<>();
        for (QueryResult result : statementResults) {
            String query = statement(result.id()).part().isEmpty() ? result.id() : result.id().substring(0, result.id().length() - 1);
            groups.computeIfAbsent(query + "/" + result.iteration() + "/" + result.stream(), key -> new ArrayList<>()).add(result);
        }
        List<QueryResult> merged = new ArrayList<>(groups.size());
        for (List<QueryResult> parts : groups.values()) {
            merged.add(parts.size() == 1 && statement(parts.get(0).id()).part().isEmpty() ? parts.get(0) : merge(parts));
        }
        return merged;
    }

    private static QueryResult merge(List<QueryResult> parts) {
        QueryResult first = parts.get(0);
        String id = first.id().substring(0, first.id().length() - 1);
        double ms = 0;
        long rows = 0;
        String status = QueryResult.VALIDATED;
        String validation = first.validation();
        List<String> messages = new ArrayList<>();
        for (QueryResult part : parts) {
            ms += part.ms();
            rows += part.rows();
            status = worse(status, part.status());
            if (!Objects.equals(part.validation(), validation)) {
                // the weaker check is what the whole query had
                validation = weaker(validation, part.validation());
            }
            if (part.message() != null) {
                messages.add(part.id() + ": " + part.message());
            }
        }
        if (parts.size() < 2) {
            // only one part ran (a run cancelled between them): the query did not run as defined
            status = QueryResult.ERROR;
            messages.add("only " + first.id() + " ran");
        }
        return new QueryResult(id, first.iteration(), Math.round(ms * 1000) / 1000.0, rows, status, validation,
                messages.isEmpty() ? null : String.join("; ", messages), first.stream());
    }

    /** The worse of two parts' outcomes (validated, then unvalidated, then failed, then error): a query is as its worse part. */
    private static String worse(String a, String b) {
        List<String> order = List.of(QueryResult.VALIDATED, QueryResult.UNVALIDATED, QueryResult.FAILED, QueryResult.ERROR);
        return order.indexOf(a) >= order.indexOf(b) ? a : b;
    }

    /** The less thorough of two parts' checks (exact, then rowcount, then none): a query is checked as its weaker part. */
    private static String weaker(String a, String b) {
        if (a == null || b == null) {
            return null;
        }
        return Validation.Method.ofLabel(a).ordinal() >= Validation.Method.ofLabel(b).ordinal() ? a : b;
    }

    /**
     * The power test time as the specification measures it, T_Power: the 99 queries of one stream, their times
     * added (each query's time the geometric mean of its iterations). QphDS@SF also needs the load test, two
     * throughput tests and two data maintenance runs, which this run does not do: the note says so.
     */
    @Override
    public RunResult.Summary summarize(double scaleFactor, int iterations, List<QueryResult> results) {
        Checks.Counts counts = Checks.count(results);
        if (counts.errors() > 0) {
            return counts.summary(null, "power test time not computed: " + counts.errors() + " query execution(s) failed");
        }
        List<Double> perQuery = Checks.secondsPerQuery(results);
        double seconds = perQuery.stream().mapToDouble(Double::doubleValue).sum();
        String note = String.format(Locale.ROOT, "the TPC-DS power test time: %d quer%s in one stream, times added%s; "
                        + "the load test, the throughput tests and data maintenance were not run, so there is no QphDS@SF",
                perQuery.size(), perQuery.size() == 1 ? "y" : "ies",
                iterations > 1 ? " (each the geometric mean of " + iterations + " iterations)" : "")
                + (perQuery.size() < TpcdsQueries.COUNT ? ", and only " + perQuery.size() + " of the 99 queries ran" : "");
        return counts.summary(null, note).withPowerTestSeconds(Math.round(seconds * 1000) / 1000.0);
    }
}
