package dev.benchbox.tiny;

import dev.benchbox.benchmark.Benchmark;
import dev.benchbox.benchmark.Checks;
import dev.benchbox.benchmark.QuerySelection;
import dev.benchbox.benchmark.ScaleRange;
import dev.benchbox.dataset.Column;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.DataSetDefinition;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.DataFootprint;
import dev.benchbox.results.QueryResult;
import dev.benchbox.results.RunResult;
import dev.benchbox.tpch.Validation;
import dev.benchbox.tpch.ValidationMode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A third benchmark defined only in test code, to prove the seam: registered by one line in
 * {@code META-INF/services/dev.benchbox.benchmark.Benchmark}, it loads, runs and validates on every platform without
 * any platform, command or printer knowing its name. One table of {@code 100 × SF} items, two queries whose answers
 * follow from the generator.
 */
public final class TinyBenchmark implements Benchmark {
    static final String TABLE = "tiny_items";
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);
    private static final List<Column> COLUMNS = List.of(new Column("item_id", "BIGINT"), new Column("item_name", "VARCHAR"),
            new Column("item_price", "DECIMAL(10,2)"), new Column("item_date", "DATE"));
    private static final Map<Integer, String> QUERIES = Map.of(
            1, "SELECT count(*) AS items, sum(item_price) AS total FROM tiny_items",
            2, "SELECT item_name, item_date FROM tiny_items WHERE item_id <= 3 ORDER BY item_id");
    private static final DataSet DATA_SET = new DataSetDefinition("tiny", "Tiny", List.of(TABLE), table -> COLUMNS,
            TinyBenchmark::parseTables, (DataSet.Rows) TinyBenchmark::rows, new DataSet.RowCounts() {
                @Override
                public boolean matches(String table, Scale scale, long rows) {
                    return rows == count(scale.value());
                }

                @Override
                public String expected(String table, Scale scale) {
                    return Long.toString(count(scale.value()));
                }

                @Override
                public long example(String table, Scale scale) {
                    return count(scale.value());
                }
            });

    @Override
    public DataSet dataSet() {
        return DATA_SET;
    }

    @Override
    public ScaleRange scaleRange() {
        return new ScaleRange("Tiny", new BigDecimal("0.01"), new BigDecimal("10"), "it makes one item per 0.01");
    }

    @Override
    public List<Scale> answeredScales() {
        return List.of(Scale.of(1));
    }

    @Override
    public String costEstimates() {
        return "/pricing/tpch-estimates.json";
    }

    @Override
    public DataFootprint footprint() {
        return new DataFootprint(name(), new DataFootprint.Size(0, 10_000), new DataFootprint.Size(0, 10_000));
    }

    @Override
    public List<Integer> queries() {
        return List.of(1, 2);
    }

    @Override
    public List<Integer> parseQueries(String selection) {
        return QuerySelection.parse(selection, "Tiny", QUERIES.size());
    }

    @Override
    public List<BatchQuery> statements(List<Integer> queries) {
        return queries.stream().map(n -> new BatchQuery("Q" + n, QUERIES.get(n))).toList();
    }

    @Override
    public QueryResult check(String statementId, int iteration, double ms, long rows, double scaleFactor, ValidationMode mode,
            List<String> columns, List<List<Object>> keptRows) {
        List<List<String>> expected = answer(Integer.parseInt(statementId.substring(1)), scaleFactor);
        Validation validation;
        if (mode == ValidationMode.OFF) {
            validation = Validation.notValidated("validation off");
        } else if (mode == ValidationMode.ROWCOUNT) {
            validation = rows == expected.size() ? Validation.passed(Validation.Method.ROWCOUNT, rows + " rows")
                    : Validation.failed(Validation.Method.ROWCOUNT, rows + " rows, expected " + expected.size());
        } else {
            List<List<String>> actual = keptRows.stream().map(row -> row.stream().map(TinyBenchmark::text).toList()).toList();
            validation = actual.equals(expected) ? Validation.passed(Validation.Method.EXACT, "matches the generator's answer")
                    : Validation.failed(Validation.Method.EXACT, "got " + actual + ", expected " + expected);
        }
        return Checks.result(statementId, iteration, ms, rows, validation);
    }

    @Override
    public Validation crossCheck(String statementId, List<String> referenceColumns, List<List<Object>> reference,
            List<String> columns, List<List<Object>> keptRows) {
        List<List<String>> expected = reference.stream().map(row -> row.stream().map(TinyBenchmark::text).toList()).toList();
        List<List<String>> actual = keptRows.stream().map(row -> row.stream().map(TinyBenchmark::text).toList()).toList();
        return actual.equals(expected) ? Validation.passed(Validation.Method.CROSS, "matches DuckDB's answer")
                : Validation.failed(Validation.Method.CROSS, "got " + actual + ", DuckDB's answer " + expected);
    }

    @Override
    public RunResult.Summary summarize(double scaleFactor, int iterations, List<QueryResult> queryResults) {
        return Checks.count(queryResults).summary(null, "Tiny has no metric");
    }

    /** Rows at a scale: 100 × SF items, priced {@code id × 1.25}, one day apart. */
    static Iterable<List<Object>> rows(String table, Scale scale) {
        long count = count(scale.value());
        List<List<Object>> rows = new ArrayList<>();
        for (long id = 1; id <= count; id++) {
            rows.add(List.of(id, "item " + id, price(id), FIRST_DAY.plusDays(id)));
        }
        return rows;
    }

    /** Each query's answer as text, derived from the generator's rule (not from any engine). */
    static List<List<String>> answer(int query, double scale) {
        long count = count(scale);
        if (query == 1) {
            BigDecimal total = BigDecimal.ZERO;
            for (long id = 1; id <= count; id++) {
                total = total.add(price(id));
            }
            return List.of(List.of(Long.toString(count), text(total)));
        }
        List<List<String>> rows = new ArrayList<>();
        for (long id = 1; id <= Math.min(3, count); id++) {
            rows.add(List.of("item " + id, FIRST_DAY.plusDays(id).toString()));
        }
        return rows;
    }

    private static long count(double scale) {
        return Math.round(100 * scale);
    }

    private static BigDecimal price(long id) {
        return new BigDecimal("1.25").multiply(BigDecimal.valueOf(id));
    }

    /** A value as text: numbers without trailing zeros (engines differ in scale), dates ISO, the rest as they print. */
    private static String text(Object value) {
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        return Objects.toString(value);
    }

    private static List<String> parseTables(String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase(TABLE)) {
            return List.of(TABLE);
        }
        throw new dev.benchbox.BenchboxException("unknown Tiny table '" + text.trim() + "': expected " + TABLE);
    }
}
