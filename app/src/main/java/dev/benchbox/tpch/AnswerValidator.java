package dev.benchbox.tpch;

import dev.benchbox.dataset.Scale;
import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a TPC-H query's answer against the reference answer, with the precision rules of TPC-H §2.1.3.5.
 *
 * <p>Values are compared by what they are:
 * <ul>
 *   <li>integers (counts, keys, years) exactly;</li>
 *   <li>other numbers to the cent: equal once both are rounded to two decimals, give or take one cent (the
 *       references are printed to two or more decimals, engines compute with more);</li>
 *   <li>averages and ratios ({@code avg_*}, {@code mkt_share}, {@code promo_revenue}, {@code avg_yearly})
 *       to the cent or within 1%, whichever is wider, since engines differ in how they round intermediate
 *       results;</li>
 *   <li>strings exactly once leading and trailing blanks are removed; dates in ISO form.</li>
 * </ul>
 * Rows are compared in order: every query orders its answer. The first difference is reported.
 *
 * <p>Where no reference answer exists for the scale factor, only the row count can be checked, and only for
 * queries whose row count does not depend on the scale factor.
 */
public final class AnswerValidator {
    /** Answer columns that are averages or ratios, held to 1% rather than to the cent. */
    private static final Set<String> RELATIVE_COLUMNS =
            Set.of("avg_qty", "avg_price", "avg_disc", "mkt_share", "promo_revenue", "avg_yearly");

    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final BigDecimal ONE_PERCENT = new BigDecimal("0.01");

    /**
     * Row counts that are the same at every scale factor from 0.01 up (checked against the SF 0.01 and SF 1
     * answers). The others grow with the data (Q9, Q11, Q13, Q16, Q18, Q20) or stop at a {@code limit} only from
     * some scale factor on (Q2, Q21).
     */
    private static final Map<Integer, Integer> SCALE_INDEPENDENT_ROW_COUNTS = Map.ofEntries(
            Map.entry(1, 4), Map.entry(3, 10), Map.entry(4, 5), Map.entry(5, 5), Map.entry(6, 1),
            Map.entry(7, 4), Map.entry(8, 2), Map.entry(10, 20), Map.entry(12, 2), Map.entry(14, 1),
            Map.entry(15, 1), Map.entry(17, 1), Map.entry(19, 1), Map.entry(22, 7));

    /** Where reference answers come from; a seam for tests. */
    @FunctionalInterface
    interface ReferenceLookup {
        Optional<ReferenceAnswer> find(double scaleFactor, int query);
    }

    private final ReferenceLookup references;

    /** A validator using the shipped reference answers ({@link ReferenceAnswers}). */
    public AnswerValidator() {
        this(ReferenceAnswers::find);
    }

    AnswerValidator(ReferenceLookup references) {
        this.references = requireNonNull(references, "references is null");
    }

    /**
     * Validates one query's answer.
     *
     * @param query       the query number, 1 to 22
     * @param scaleFactor the scale factor of the data the query ran on
     * @param mode        how to check; in {@link ValidationMode#EXACT} mode at a scale factor without reference
     *                    answers, the row count is checked instead, and the detail says so
     * @param columnNames the answer's column names, in order
     * @param rows        the answer's rows as JDBC returns them ({@code BigDecimal}, {@code Long}, {@code Double},
     *                    {@code String}, {@code java.sql.Date}, {@code LocalDate}, ...; {@code null} for NULL)
     * @throws IllegalArgumentException if {@code query} is not 1-22 or {@code scaleFactor} is not positive
     */
    public Validation validate(int query, double scaleFactor, ValidationMode mode, List<String> columnNames,
                               List<List<Object>> rows) {
        ReferenceAnswers.columns(query); // rejects unknown query numbers
        if (!(scaleFactor > 0) || Double.isInfinite(scaleFactor)) {
            throw new IllegalArgumentException("scale factor must be a positive number, got " + scaleFactor);
        }
        requireNonNull(mode, "mode is null");
        requireNonNull(columnNames, "columnNames is null");
        requireNonNull(rows, "rows is null");

        if (mode == ValidationMode.OFF) {
            return Validation.notValidated("validation off");
        }
        Optional<ReferenceAnswer> reference = references.find(scaleFactor, query);
        String scale = "SF " + Scale.of(scaleFactor).text();
        if (reference.isPresent()) {
            ReferenceAnswer expected = reference.get();
            if (mode == ValidationMode.EXACT) {
                return compare(expected, "the " + scale + " reference answer", Validation.Method.EXACT, columnNames, rows);
            }
            int expectedRows = expected.rows().size();
            return rows.size() == expectedRows
                    ? Validation.passed(Validation.Method.ROWCOUNT, rowCount(expectedRows) + ", as in the " + scale + " reference answer")
                    : Validation.failed(Validation.Method.ROWCOUNT, "expected " + rowCount(expectedRows) + " as in the " + scale
                            + " reference answer, got " + rows.size());
        }

        String prefix = mode == ValidationMode.EXACT ? "no reference answer at " + scale + ", row count checked: " : "";
        Integer expectedRows = SCALE_INDEPENDENT_ROW_COUNTS.get(query);
        if (expectedRows == null) {
            return Validation.notValidated("no reference answer at " + scale + " and the row count of Q" + query
                    + " varies with the scale factor");
        }
        return rows.size() == expectedRows
                ? Validation.passed(Validation.Method.ROWCOUNT, prefix + rowCount(expectedRows) + ", as at every scale factor")
                : Validation.failed(Validation.Method.ROWCOUNT, prefix + "expected " + rowCount(expectedRows) + ", got " + rows.size());
    }

    /**
     * Whether another engine's answer to query {@code query} on the same data (e.g. DuckDB's) is this one, under the
     * rules a reference answer is checked with; the validation is a {@link Validation.Method#CROSS} one.
     *
     * @param reference the other engine's columns and rows, values as its JDBC driver returns them
     */
    public static Validation sameAnswer(int query, List<String> referenceColumns, List<List<Object>> reference,
                                        List<String> columnNames, List<List<Object>> rows) {
        List<List<String>> text = new java.util.ArrayList<>(reference.size());
        for (List<Object> row : reference) {
            text.add(row.stream().map(v -> v == null ? null : render(v)).toList());
        }
        return compare(new ReferenceAnswer(query, referenceColumns, text), "DuckDB's answer", Validation.Method.CROSS,
                columnNames, rows);
    }

    private static Validation compare(ReferenceAnswer expected, String against, Validation.Method method,
                                      List<String> columnNames, List<List<Object>> rows) {
        List<String> columns = expected.columns();
        if (columnNames.size() != columns.size()) {
            return Validation.failed(method, "expected " + columns.size() + " columns, got " + columnNames.size());
        }
        for (int c = 0; c < columns.size(); c++) {
            // Engines differ in the case they report unquoted names in; the names themselves must agree.
            if (!columns.get(c).equalsIgnoreCase(String.valueOf(columnNames.get(c)))) {
                return Validation.failed(method, "column " + (c + 1) + ": expected name " + columns.get(c) + ", got "
                        + columnNames.get(c));
            }
        }
        if (rows.size() != expected.rows().size()) {
            return Validation.failed(method, "expected " + rowCount(expected.rows().size()) + ", got " + rows.size());
        }
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = requireNonNull(rows.get(r), "row is null");
            if (row.size() != columns.size()) {
                return Validation.failed(method, "row " + (r + 1) + ": expected " + columns.size() + " values, got "
                        + row.size());
            }
            List<String> expectedRow = expected.rows().get(r);
            for (int c = 0; c < columns.size(); c++) {
                String column = columns.get(c);
                Object actual = row.get(c);
                if (!matches(expectedRow.get(c), actual, RELATIVE_COLUMNS.contains(column))) {
                    return Validation.failed(method, "row " + (r + 1) + ", column " + column + ": expected "
                            + (expectedRow.get(c) == null ? "null" : expectedRow.get(c).strip()) + ", got "
                            + render(actual));
                }
            }
        }
        String rowsMatch = rows.size() == 1 ? "1 row matches" : rows.size() + " rows match";
        return Validation.passed(method, rowsMatch + " " + against);
    }

    /**
     * Whether an engine's value matches a reference answer's text under the rules above (shared with TPC-DS,
     * whose specification asks for the same precision).
     *
     * @param relative whether the value is an average or ratio, held to 1% rather than to the cent
     */
    public static boolean matches(String expected, Object actual, boolean relative) {
        if (expected == null || actual == null) {
            return expected == null && actual == null;
        }
        String expectedText = expected.strip();
        if (actual instanceof Number number) {
            BigDecimal expectedNumber = parseNumber(expectedText);
            BigDecimal actualNumber = toBigDecimal(number);
            if (expectedNumber == null || actualNumber == null) {
                return false;
            }
            return isIntegral(number)
                    ? actualNumber.compareTo(expectedNumber) == 0
                    : numbersMatch(expectedNumber, actualNumber, relative);
        }
        String actualText = render(actual).strip();
        if (actualText.equals(expectedText)) {
            return true;
        }
        // Answers that travelled as text (e.g. from a remote job) still compare as numbers.
        BigDecimal expectedNumber = parseNumber(expectedText);
        BigDecimal actualNumber = actual instanceof String ? parseNumber(actualText) : null;
        if (expectedNumber == null || actualNumber == null) {
            return false;
        }
        boolean integral = isIntegerLiteral(expectedText) && isIntegerLiteral(actualText);
        return integral ? actualNumber.compareTo(expectedNumber) == 0
                : numbersMatch(expectedNumber, actualNumber, relative);
    }

    private static boolean numbersMatch(BigDecimal expected, BigDecimal actual, boolean relative) {
        if (actual.compareTo(expected) == 0) {
            return true;
        }
        BigDecimal centsApart = actual.setScale(2, RoundingMode.HALF_UP)
                .subtract(expected.setScale(2, RoundingMode.HALF_UP)).abs();
        if (centsApart.compareTo(CENT) <= 0) {
            return true;
        }
        return relative && actual.subtract(expected).abs().compareTo(expected.abs().multiply(ONE_PERCENT)) <= 0;
    }

    private static boolean isIntegral(Number number) {
        return number instanceof Long || number instanceof Integer || number instanceof Short
                || number instanceof Byte || number instanceof BigInteger;
    }

    private static boolean isIntegerLiteral(String text) {
        return text.matches("[-+]?[0-9]+");
    }

    private static BigDecimal parseNumber(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal toBigDecimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (number instanceof Double || number instanceof Float) {
            double value = number.doubleValue();
            // valueOf uses the shortest decimal that round-trips, so 0.05 stays 0.05 rather than 0.05000000000000000277.
            return Double.isFinite(value) ? BigDecimal.valueOf(value) : null;
        }
        if (isIntegral(number)) {
            return BigDecimal.valueOf(number.longValue());
        }
        return parseNumber(number.toString());
    }

    /** How a value appears in messages and in text comparisons: plain numbers, ISO dates. */
    public static String render(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof Number number) {
            BigDecimal decimal = toBigDecimal(number);
            return decimal == null ? number.toString() : decimal.toPlainString();
        }
        return value.toString();
    }

    /** "1 row" or "N rows", for validation details of every benchmark. */
    public static String rowCount(int count) {
        return count == 1 ? "1 row" : count + " rows";
    }


    /** The row-count table, for tests that check it against the reference answers. */
    static Map<Integer, Integer> scaleIndependentRowCounts() {
        return SCALE_INDEPENDENT_ROW_COUNTS;
    }
}
