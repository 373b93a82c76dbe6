package dev.benchbox.tpcds;

import dev.benchbox.dataset.Scale;
import static java.util.Objects.requireNonNull;

import dev.benchbox.tpch.AnswerValidator;
import dev.benchbox.tpch.Validation;
import dev.benchbox.tpch.ValidationMode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * Checks a TPC-DS statement's answer against its reference answer, with the same precision rules as TPC-H
 * ({@link AnswerValidator#matches}): integers exactly, other numbers to the cent, text without surrounding blanks.
 * The kit's answer sets print some numbers with fewer decimals than a cent (e.g. {@code 674173363}); those match
 * a value that rounds to them. Columns are compared by position: engines name unaliased expressions differently.
 */
public final class TpcdsAnswerValidator {
    private TpcdsAnswerValidator() {
    }

    public static Validation validate(TpcdsQuery query, double scaleFactor, ValidationMode mode,
                                      List<String> columnNames, List<List<Object>> rows) {
        requireNonNull(mode, "mode is null");
        if (mode == ValidationMode.OFF) {
            return Validation.notValidated("validation off");
        }
        Optional<AnswerSet> reference = TpcdsReferenceAnswers.find(scaleFactor, query);
        if (reference.isEmpty()) {
            return Validation.notValidated("no reference answer at SF "
                    + Scale.of(scaleFactor).text() + " (TPC-DS answers are known at SF 1, and for 23 statements at SF 0.01)");
        }
        AnswerSet expected = reference.get();
        Validation.Method method = mode == ValidationMode.ROWCOUNT ? Validation.Method.ROWCOUNT : Validation.Method.EXACT;
        if (rows.size() != expected.rows().size()) {
            return Validation.failed(method, "expected " + AnswerValidator.rowCount(expected.rows().size()) + ", got "
                    + rows.size());
        }
        if (method == Validation.Method.ROWCOUNT) {
            return Validation.passed(method, AnswerValidator.rowCount(rows.size()) + ", as in the SF " + Scale.of(scaleFactor).text() + " reference answer");
        }
        if (columnNames.size() != expected.columns().size()) {
            return failed("expected " + expected.columns().size() + " columns, got " + columnNames.size());
        }
        Optional<String> difference = firstDifference(expected.rows(), rows, columnNames);
        if (difference.isEmpty()) {
            return passed(matching(rows.size(), scaleFactor));
        }
        Optional<OrderKeys> keys = OrderKeys.of(query.sql(), columnNames);
        if (keys.isPresent() && matchesWithTies(expected.rows(), rows, keys.get())) {
            return passed(matching(rows.size(), scaleFactor) + " (rows tied on the ORDER BY in another order)");
        }
        return failed(difference.get());
    }

    /**
     * Whether another engine's answer to the statement, on the same data, is this one's, under the rules a reference
     * answer is checked with: the same number of rows and columns; integers and text exactly (text without
     * surrounding blanks), dates as dates, other numbers to the cent (each rounded to cents, at most one cent apart:
     * engines type averages and ratios differently, as DuckDB's double beside Spark's decimal(p,6)); SQL NULL only
     * equal to NULL, and NaN taken as NULL (a division by zero is NaN in DuckDB, NULL in Spark); rows tied on every
     * ORDER BY key in any order, and at a LIMIT any of the tied last rows.
     *
     * @param reference the rows the first engine gave (e.g. DuckDB), values as its JDBC driver returns them
     * @param rows      the rows the other engine gave (e.g. Spark), compared by position
     */
    public static Validation sameAnswer(TpcdsQuery query, List<String> columnNames, List<List<Object>> reference,
                                        List<List<Object>> rows) {
        List<List<String>> expected = new java.util.ArrayList<>(reference.size());
        for (List<Object> row : reference) {
            List<String> text = new java.util.ArrayList<>(row.size());
            for (Object value : row) {
                text.add(value == null || isNaN(value) ? null : AnswerValidator.render(value));
            }
            expected.add(text);
        }
        // a division by zero is NaN in DuckDB's doubles and NULL in Spark (Q12, Q90 at SF 0.01): both mean no value
        List<List<Object>> actual = new java.util.ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<Object> values = new java.util.ArrayList<>(row.size());
            for (Object value : row) {
                values.add(isNaN(value) ? null : value);
            }
            actual.add(values);
        }
        rows = actual;
        if (rows.size() != expected.size()) {
            return failed("expected " + AnswerValidator.rowCount(expected.size()) + ", got " + rows.size());
        }
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).size() != expected.get(r).size()) {
                return failed("expected " + expected.get(r).size() + " columns, got " + rows.get(r).size());
            }
        }
        Optional<String> difference = firstDifference(expected, rows, columnNames);
        if (difference.isEmpty()) {
            return passed(AnswerValidator.rowCount(rows.size()) + ", the same answer");
        }
        Optional<OrderKeys> keys = OrderKeys.of(query.sql(), columnNames);
        if (keys.isPresent() && matchesWithTies(expected, rows, keys.get())) {
            return passed(AnswerValidator.rowCount(rows.size()) + ", the same answer (rows tied on the ORDER BY in another order)");
        }
        return failed(difference.get());
    }

    private static boolean isNaN(Object value) {
        return value instanceof Double d && d.isNaN() || value instanceof Float f && f.isNaN();
    }

    private static String matching(int rows, double scaleFactor) {
        return (rows == 1 ? "1 row matches" : rows + " rows match") + " the SF " + Scale.of(scaleFactor).text() + " reference answer";
    }

    private static Optional<String> firstDifference(List<List<String>> expected, List<List<Object>> rows,
                                                    List<String> columnNames) {
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            List<String> expectedRow = expected.get(r);
            for (int c = 0; c < expectedRow.size(); c++) {
                if (!matches(expectedRow.get(c), row.get(c))) {
                    return Optional.of("row " + (r + 1) + ", column " + columnNames.get(c) + ": expected "
                            + (expectedRow.get(c) == null ? "null" : expectedRow.get(c).strip()) + ", got "
                            + AnswerValidator.render(row.get(c)));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the answer differs from the reference only in the order of rows tied on every sort key: each run of
     * reference rows equal on the keys must be matched by the same rows in some order at the same positions. The
     * last run of a statement with a LIMIT may be cut anywhere among the tied rows, so only its keys must match.
     */
    static boolean matchesWithTies(List<List<String>> expected, List<List<Object>> rows, OrderKeys keys) {
        int start = 0;
        while (start < expected.size()) {
            int end = start + 1;
            while (end < expected.size() && tied(expected.get(start), expected.get(end), keys)) {
                end++;
            }
            boolean cut = keys.limited() && end == expected.size();
            if (!sameRowsInAnyOrder(expected.subList(start, end), rows.subList(start, end), cut ? keys : null)) {
                return false;
            }
            start = end;
        }
        return true;
    }

    private static boolean tied(List<String> a, List<String> b, OrderKeys keys) {
        for (int column : keys.columns()) {
            String x = a.get(column) == null ? null : a.get(column).strip();
            String y = b.get(column) == null ? null : b.get(column).strip();
            if (!java.util.Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
    }

    /** Matches each row to a distinct reference row; on keys only when {@code onlyKeys} is given. */
    private static boolean sameRowsInAnyOrder(List<List<String>> expected, List<List<Object>> rows,
                                              OrderKeys onlyKeys) {
        boolean[] used = new boolean[expected.size()];
        for (List<Object> row : rows) {
            boolean found = false;
            for (int e = 0; e < expected.size() && !found; e++) {
                if (!used[e] && rowMatches(expected.get(e), row, onlyKeys)) {
                    used[e] = true;
                    found = true;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static boolean rowMatches(List<String> expected, List<Object> row, OrderKeys onlyKeys) {
        if (onlyKeys != null) {
            return onlyKeys.columns().stream().allMatch(c -> matches(expected.get(c), row.get(c)));
        }
        for (int c = 0; c < expected.size(); c++) {
            if (!matches(expected.get(c), row.get(c))) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(String expected, Object actual) {
        if (AnswerValidator.matches(expected, actual, false)) {
            return true;
        }
        if (expected == null || !(actual instanceof Number number) || integral(number)) {
            return false;
        }
        // Shown to fewer decimals than a cent: the engine's value must round to what is shown, give or take one
        // in the last place shown.
        BigDecimal shown;
        try {
            shown = new BigDecimal(expected.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (shown.scale() >= 2) {
            return false;
        }
        BigDecimal value = new BigDecimal(AnswerValidator.render(number));
        BigDecimal unit = BigDecimal.ONE.movePointLeft(Math.max(shown.scale(), 0));
        return value.setScale(shown.scale(), RoundingMode.HALF_UP).subtract(shown).abs().compareTo(unit) <= 0;
    }

    /** Whole-number values (counts, keys) are compared exactly: rounding applies to fractions only. */
    private static boolean integral(Number number) {
        return number instanceof Long || number instanceof Integer || number instanceof Short
                || number instanceof Byte || number instanceof java.math.BigInteger
                || number instanceof BigDecimal decimal && decimal.scale() <= 0;
    }

    private static Validation passed(String detail) {
        return Validation.passed(Validation.Method.EXACT, detail);
    }

    private static Validation failed(String detail) {
        return Validation.failed(Validation.Method.EXACT, detail);
    }
}
