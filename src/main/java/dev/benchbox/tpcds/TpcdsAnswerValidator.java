package dev.benchbox.tpcds;

import static java.util.Objects.requireNonNull;

import dev.benchbox.tpch.AnswerValidator;
import dev.benchbox.tpch.TpchSchema;
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
            return new Validation(Validation.Status.NOT_VALIDATED, "validation off");
        }
        Optional<AnswerSet> reference = TpcdsReferenceAnswers.find(scaleFactor, query);
        if (reference.isEmpty()) {
            return new Validation(Validation.Status.NOT_VALIDATED, "no reference answer at SF "
                    + TpchSchema.formatScale(scaleFactor) + " (TPC-DS answers are known at SF 1)");
        }
        AnswerSet expected = reference.get();
        if (rows.size() != expected.rows().size()) {
            return failed("expected " + AnswerValidator.rowCount(expected.rows().size()) + ", got " + rows.size());
        }
        if (mode == ValidationMode.ROWCOUNT) {
            return passed(AnswerValidator.rowCount(rows.size()) + ", as in the SF 1 reference answer");
        }
        if (columnNames.size() != expected.columns().size()) {
            return failed("expected " + expected.columns().size() + " columns, got " + columnNames.size());
        }
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            List<String> expectedRow = expected.rows().get(r);
            for (int c = 0; c < expectedRow.size(); c++) {
                if (!matches(expectedRow.get(c), row.get(c))) {
                    return failed("row " + (r + 1) + ", column " + columnNames.get(c) + ": expected "
                            + (expectedRow.get(c) == null ? "null" : expectedRow.get(c).strip()) + ", got "
                            + AnswerValidator.render(row.get(c)));
                }
            }
        }
        return passed((rows.size() == 1 ? "1 row matches" : rows.size() + " rows match") + " the SF 1 reference answer");
    }

    static boolean matches(String expected, Object actual) {
        if (AnswerValidator.matches(expected, actual, false)) {
            return true;
        }
        if (expected == null || !(actual instanceof Number number)) {
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

    private static Validation passed(String detail) {
        return new Validation(Validation.Status.PASSED, detail);
    }

    private static Validation failed(String detail) {
        return new Validation(Validation.Status.FAILED, detail);
    }
}
