package dev.benchbox.benchmark;

import dev.benchbox.cost.TpchEstimates;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.DataSetDefinition;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.DataFootprint;
import dev.benchbox.tpch.TpchRowCounts;
import dev.benchbox.results.QueryResult;
import dev.benchbox.results.RunResult;
import dev.benchbox.tpch.AnswerValidator;
import dev.benchbox.tpch.ReferenceAnswers;
import dev.benchbox.tpch.TpchQueries;
import dev.benchbox.tpch.TpchQuery;
import dev.benchbox.tpch.TpchSchema;
import dev.benchbox.tpch.Validation;
import dev.benchbox.tpch.ValidationMode;
import java.math.BigDecimal;
import java.util.List;

/** TPC-H: 8 tables from io.trino.tpch, 22 queries, answers at SF 0.01 and SF 1, Power@Size. */
public final class TpchBenchmark implements Benchmark {
    private static final DataSet DATA_SET = new DataSetDefinition("tpch", "TPC-H", TpchSchema.TABLES, TpchSchema::columns,
            TpchSchema::parseTables, DataSet.Generator.TPCH, new DataSet.RowCounts() {
                @Override
                public boolean matches(String table, Scale scale, long rows) {
                    return TpchRowCounts.matches(table, scale.value(), rows);
                }

                @Override
                public String expected(String table, Scale scale) {
                    return TpchRowCounts.describe(table, scale.value());
                }

                @Override
                public long example(String table, Scale scale) {
                    return TpchRowCounts.expected(table, scale.value());
                }
            });

    private final AnswerValidator validator = new AnswerValidator();
    private final PerformanceTests performanceTests = new TpchPerformanceTests();

    /**
     * From SF 0.0001 (below it io.trino.tpch makes no supplier, and lineitem and partsupp fail dividing by the 0
     * suppliers) to SF 100000, the largest the TPC defines.
     */
    private static final ScaleRange SCALES = new ScaleRange("TPC-H", new BigDecimal("0.0001"), new BigDecimal("100000"),
            "the TPC-H generator makes no supplier rows");
    /**
     * Measured 7 Dec 2026 on DuckDB 1.4.4 (Linux x86_64, 2 cores, 23 GB) with
     * {@code /usr/bin/time -f %M java -XX:+UseSerialGC -jar target/benchbox-shell.jar --script F.bbx}, F holding
     * {@code connect duckdb [--path FILE]} and {@code load tpch --scale SF}, at SF 0.01, 0.1 and 1. Memory: the shell's
     * peak resident memory grew 1.58 GB per SF from SF 0.1 (780 MB) to SF 1 (2.17 GB), DuckDB's own
     * ({@code SELECT sum(memory_usage_bytes) FROM duckdb_memory()}) 1.63 GB per SF (161 MB to 1.62 GB); the shell itself
     * is already resident when the guard asks, so only the growth counts. File: 27.8 MB at SF 0.1, 262 MB at SF 1.
     */
    private static final DataFootprint FOOTPRINT = new DataFootprint(DATA_SET.name(),
            new DataFootprint.Size(0, 1_600_000_000L), new DataFootprint.Size(0, 260_000_000L));

    @Override
    public DataSet dataSet() {
        return DATA_SET;
    }

    @Override
    public java.util.Optional<PerformanceTests> performanceTests() {
        return java.util.Optional.of(performanceTests);
    }

    @Override
    public ScaleRange scaleRange() {
        return SCALES;
    }

    @Override
    public List<Scale> answeredScales() {
        return dev.benchbox.tpch.ReferenceAnswers.SCALES;
    }

    @Override
    public String costEstimates() {
        return TpchEstimates.RESOURCE;
    }

    @Override
    public DataFootprint footprint() {
        return FOOTPRINT;
    }

    @Override
    public List<Integer> queries() {
        return TpchQueries.all().stream().map(TpchQuery::number).toList();
    }

    @Override
    public List<Integer> parseQueries(String selection) {
        return QuerySelection.parse(selection, "TPC-H", TpchQueries.COUNT);
    }

    @Override
    public List<BatchQuery> statements(List<Integer> queries) {
        return queries.stream().map(n -> new BatchQuery("Q" + n, TpchQueries.get(n).sql())).toList();
    }

    @Override
    public QueryResult check(String statementId, int iteration, double ms, long rows, double scaleFactor, ValidationMode mode,
            List<String> columns, List<List<Object>> keptRows) {
        int number = Integer.parseInt(statementId.substring(1));
        Validation validation = validator.validate(number, scaleFactor, mode, columns, keptRows);
        return Checks.result(statementId, iteration, ms, rows, validation);
    }

    @Override
    public Validation crossCheck(String statementId, List<String> referenceColumns, List<List<Object>> reference,
            List<String> columns, List<List<Object>> keptRows) {
        return AnswerValidator.sameAnswer(Integer.parseInt(statementId.substring(1)), referenceColumns, reference, columns,
                keptRows);
    }

    /**
     * Power@Size over the query times only (one interval per query: the geometric mean of its iterations); the note
     * says what it leaves out.
     */
    @Override
    public RunResult.Summary summarize(double scaleFactor, int iterations, List<QueryResult> results) {
        Checks.Counts counts = Checks.count(results);
        Double power = null;
        String note;
        if (counts.errors() > 0) {
            note = "Power@Size not computed: " + counts.errors() + " query execution(s) failed";
        } else {
            List<Double> perQuery = Checks.secondsPerQuery(results);
            power = Math.round(PowerMetric.powerAtSize(scaleFactor, perQuery) * 100) / 100.0;
            note = "computed over " + perQuery.size() + " query timing intervals"
                    + (iterations > 1 ? " (each the geometric mean of " + iterations + " iterations)" : "")
                    + "; the refresh functions RF1/RF2 were not part of this run, so this is not a "
                    + "specification-compliant Power@Size"
                    + (perQuery.size() < TpchQueries.COUNT ? ", and only " + perQuery.size() + " of the 22 queries ran" : "");
        }
        return counts.summary(power, note);
    }
}
