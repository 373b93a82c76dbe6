package dev.benchbox.tpch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.tpch.Validation.Status;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerValidatorTest {
    private static final List<String> Q1_COLUMNS = ReferenceAnswers.columns(1);

    /** A shortened Q1 answer at SF 1: the kit's first and last rows. */
    private static final ReferenceAnswer Q1_REFERENCE = new ReferenceAnswer(1, Q1_COLUMNS, List.of(
            List.of("A", "F", "37734107.00", "56586554400.73", "53758257134.87", "55909065222.83", "25.52",
                    "38273.13", "0.05", "1478493"),
            List.of("R", "F", "37719753.00", "56568041380.90", "53741292684.60", "55889619119.83", "25.51",
                    "38250.85", "0.05", "1478870")));

    private final AnswerValidator validator = new AnswerValidator(
            (scale, query) -> scale == 1 && query == 1 ? Optional.of(Q1_REFERENCE) : Optional.empty());

    /** Q1's answer as DuckDB returns it: more decimals in sums, doubles for averages, a long count. */
    private static List<List<Object>> q1Answer() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(new ArrayList<>(List.of("A", "F", new BigDecimal("37734107.00"), new BigDecimal("56586554400.73"),
                new BigDecimal("53758257134.8700"), new BigDecimal("55909065222.827692"), 25.522005853257337,
                38273.129734621594, 0.04998529583825443, 1478493L)));
        rows.add(new ArrayList<>(List.of("R", "F", new BigDecimal("37719753.00"), new BigDecimal("56568041380.90"),
                new BigDecimal("53741292684.6040"), new BigDecimal("55889619119.831932"), 25.50579361269077,
                38250.85462609966, 0.05000940583012706, 1478870L)));
        return rows;
    }

    private Validation validateQ1(List<List<Object>> rows) {
        return validator.validate(1, 1, ValidationMode.EXACT, Q1_COLUMNS, rows);
    }

    private static List<List<Object>> withValue(int row, String column, Object value) {
        List<List<Object>> rows = q1Answer();
        rows.get(row - 1).set(Q1_COLUMNS.indexOf(column), value);
        return rows;
    }

    @Test
    void anAnswerMatchingTheReferencePasses() {
        assertThat(validateQ1(q1Answer()))
                .isEqualTo(new Validation(Status.PASSED, Validation.Method.EXACT, "2 rows match the SF 1 reference answer"));
    }

    @Test
    void moneyRoundingToTheReferenceCentPasses() {
        assertThat(validateQ1(withValue(1, "sum_charge", new BigDecimal("55909065222.8349"))).status())
                .isEqualTo(Status.PASSED);
        // One cent apart after rounding: engines and references may round halves differently.
        assertThat(validateQ1(withValue(1, "sum_charge", new BigDecimal("55909065222.84"))).status())
                .isEqualTo(Status.PASSED);
    }

    @Test
    void moneyMoreThanACentOffFailsNamingRowColumnAndValues() {
        assertThat(validateQ1(withValue(1, "sum_charge", new BigDecimal("55909065222.12"))))
                .isEqualTo(new Validation(Status.FAILED, Validation.Method.EXACT,
                        "row 1, column sum_charge: expected 55909065222.83, got 55909065222.12"));
        assertThat(validateQ1(withValue(2, "sum_disc_price", new BigDecimal("53741292684.6150"))).detail())
                .isEqualTo("row 2, column sum_disc_price: expected 53741292684.60, got 53741292684.6150");
    }

    @Test
    void moneyIsNotHeldToOnePercent() {
        // 0.5% off is far more than a cent: a sum of money is exact, not a ratio.
        assertThat(validateQ1(withValue(1, "sum_qty", new BigDecimal("37922777.54"))).detail())
                .isEqualTo("row 1, column sum_qty: expected 37734107.00, got 37922777.54");
    }

    @Test
    void averagesWithinOnePercentPass() {
        assertThat(validateQ1(withValue(1, "avg_price", 38273.13 * 1.0099)).status()).isEqualTo(Status.PASSED);
        assertThat(validateQ1(withValue(1, "avg_qty", new BigDecimal("25.27"))).status()).isEqualTo(Status.PASSED);
    }

    @Test
    void averagesMoreThanOnePercentOffFail() {
        assertThat(validateQ1(withValue(1, "avg_price", 38694.13)).detail())
                .isEqualTo("row 1, column avg_price: expected 38273.13, got 38694.13");
        // The reference has two decimals only, so a small average gets the cent of slack money gets.
        assertThat(validateQ1(withValue(2, "avg_disc", 0.0651)).detail())
                .isEqualTo("row 2, column avg_disc: expected 0.05, got 0.0651");
        assertThat(validateQ1(withValue(2, "avg_disc", 0.0549)).status()).isEqualTo(Status.PASSED);
    }

    @Test
    void countsAreExact() {
        assertThat(validateQ1(withValue(2, "count_order", 1478871L)).detail())
                .isEqualTo("row 2, column count_order: expected 1478870, got 1478871");
        assertThat(validateQ1(withValue(2, "count_order", BigInteger.valueOf(1478870))).status())
                .isEqualTo(Status.PASSED);
        assertThat(validateQ1(withValue(2, "count_order", 1478870)).status()).isEqualTo(Status.PASSED);
    }

    @Test
    void stringsAreComparedExactlyOnceTrimmed() {
        assertThat(validateQ1(withValue(1, "l_returnflag", "A  ")).status()).isEqualTo(Status.PASSED);
        assertThat(validateQ1(withValue(1, "l_linestatus", "O")).detail())
                .isEqualTo("row 1, column l_linestatus: expected F, got O");
        assertThat(validateQ1(withValue(1, "l_linestatus", "f")).status()).isEqualTo(Status.FAILED);
    }

    @Test
    void numbersThatArriveAsTextStillCompareAsNumbers() {
        assertThat(validateQ1(withValue(1, "sum_charge", "55909065222.827692")).status()).isEqualTo(Status.PASSED);
        assertThat(validateQ1(withValue(1, "count_order", "1478494")).detail())
                .isEqualTo("row 1, column count_order: expected 1478493, got 1478494");
    }

    @Test
    void aNullWhereTheReferenceHasAValueFails() {
        assertThat(validateQ1(withValue(1, "avg_qty", null)).detail())
                .isEqualTo("row 1, column avg_qty: expected 25.52, got null");
    }

    @Test
    void aNonNumberWhereTheReferenceHasANumberFails() {
        assertThat(validateQ1(withValue(1, "avg_qty", Double.NaN)).detail())
                .isEqualTo("row 1, column avg_qty: expected 25.52, got NaN");
    }

    @Test
    void datesCompareInIsoFormWhateverTheirJdbcType() {
        List<String> columns = List.of("o_orderdate");
        ReferenceAnswer reference = new ReferenceAnswer(3, columns, List.of(List.of("1995-03-11")));
        AnswerValidator dates = new AnswerValidator((scale, query) -> Optional.of(reference));

        assertThat(dates.validate(3, 1, ValidationMode.EXACT, columns,
                List.of(List.of(java.sql.Date.valueOf("1995-03-11")))).status()).isEqualTo(Status.PASSED);
        assertThat(dates.validate(3, 1, ValidationMode.EXACT, columns,
                List.of(List.of(LocalDate.of(1995, 3, 11)))).status()).isEqualTo(Status.PASSED);
        assertThat(dates.validate(3, 1, ValidationMode.EXACT, columns,
                List.of(List.of(LocalDate.of(1995, 3, 12)))).detail())
                .isEqualTo("row 1, column o_orderdate: expected 1995-03-11, got 1995-03-12");
    }

    @Test
    void aNullReferenceValueMatchesOnlyNull() {
        List<String> columns = List.of("avg_yearly");
        ReferenceAnswer reference = new ReferenceAnswer(17, columns, List.of(Arrays.asList((String) null)));
        AnswerValidator nulls = new AnswerValidator((scale, query) -> Optional.of(reference));

        assertThat(nulls.validate(17, 0.01, ValidationMode.EXACT, columns,
                List.of(Arrays.asList((Object) null))).status()).isEqualTo(Status.PASSED);
        assertThat(nulls.validate(17, 0.01, ValidationMode.EXACT, columns,
                List.of(List.of(1.5))).detail()).isEqualTo("row 1, column avg_yearly: expected null, got 1.5");
    }

    @Test
    void aMissingRowFailsWithTheRowCounts() {
        assertThat(validateQ1(q1Answer().subList(0, 1)))
                .isEqualTo(new Validation(Status.FAILED, Validation.Method.EXACT, "expected 2 rows, got 1"));
    }

    @Test
    void aMissingOrRenamedColumnFails() {
        assertThat(validator.validate(1, 1, ValidationMode.EXACT, Q1_COLUMNS.subList(0, 9), q1Answer()).detail())
                .isEqualTo("expected 10 columns, got 9");
        List<String> renamed = new ArrayList<>(Q1_COLUMNS);
        renamed.set(2, "sum(l_quantity)");
        assertThat(validator.validate(1, 1, ValidationMode.EXACT, renamed, q1Answer()).detail())
                .isEqualTo("column 3: expected name sum_qty, got sum(l_quantity)");
    }

    @Test
    void columnNamesMayDifferInCase() {
        List<String> upper = Q1_COLUMNS.stream().map(String::toUpperCase).toList();

        assertThat(validator.validate(1, 1, ValidationMode.EXACT, upper, q1Answer()).status())
                .isEqualTo(Status.PASSED);
    }

    @Test
    void aRowWithTooFewValuesFails() {
        List<List<Object>> rows = q1Answer();
        rows.get(1).remove(9);

        assertThat(validateQ1(rows).detail()).isEqualTo("row 2: expected 10 values, got 9");
    }

    @Test
    void rowCountModeComparesWithTheReferenceRowCount() {
        assertThat(validator.validate(1, 1, ValidationMode.ROWCOUNT, Q1_COLUMNS, withValue(1, "sum_qty", 0)))
                .isEqualTo(new Validation(Status.PASSED, Validation.Method.ROWCOUNT, "2 rows, as in the SF 1 reference answer"));
        assertThat(validator.validate(1, 1, ValidationMode.ROWCOUNT, Q1_COLUMNS, q1Answer().subList(0, 1)))
                .isEqualTo(new Validation(Status.FAILED, Validation.Method.ROWCOUNT, "expected 2 rows as in the SF 1 reference answer, got 1"));
    }

    @Test
    void withoutAReferenceRowCountModeUsesScaleIndependentCounts() {
        List<List<Object>> fourRows = List.of(List.of(), List.of(), List.of(), List.of());

        assertThat(validator.validate(1, 10, ValidationMode.ROWCOUNT, Q1_COLUMNS, fourRows))
                .isEqualTo(new Validation(Status.PASSED, Validation.Method.ROWCOUNT, "4 rows, as at every scale factor"));
        assertThat(validator.validate(1, 10, ValidationMode.ROWCOUNT, Q1_COLUMNS, fourRows.subList(0, 3)))
                .isEqualTo(new Validation(Status.FAILED, Validation.Method.ROWCOUNT, "expected 4 rows, got 3"));
        assertThat(validator.validate(11, 10, ValidationMode.ROWCOUNT, List.of("ps_partkey", "value"), fourRows))
                .isEqualTo(Validation.notValidated(
                        "no reference answer at SF 10 and the row count of Q11 varies with the scale factor"));
    }

    @Test
    void exactModeWithoutAReferenceFallsBackToRowCountsAndSaysSo() {
        List<List<Object>> fourRows = List.of(List.of(), List.of(), List.of(), List.of());

        assertThat(validator.validate(1, 0.1, ValidationMode.EXACT, Q1_COLUMNS, fourRows)).isEqualTo(new Validation(
                Status.PASSED, Validation.Method.ROWCOUNT, "no reference answer at SF 0.1, row count checked: 4 rows, as at every scale factor"));
        assertThat(validator.validate(1, 100, ValidationMode.EXACT, Q1_COLUMNS, fourRows.subList(0, 1)))
                .isEqualTo(new Validation(Status.FAILED, Validation.Method.ROWCOUNT,
                        "no reference answer at SF 100, row count checked: expected 4 rows, got 1"));
        assertThat(validator.validate(16, 3, ValidationMode.EXACT, Q1_COLUMNS, fourRows).status())
                .isEqualTo(Status.NOT_VALIDATED);
    }

    @Test
    void offModeValidatesNothing() {
        assertThat(validator.validate(1, 1, ValidationMode.OFF, List.of(), List.of()))
                .isEqualTo(Validation.notValidated("validation off"));
    }

    @Test
    void unknownQueriesAndScaleFactorsAreRejected() {
        assertThatThrownBy(() -> validator.validate(23, 1, ValidationMode.EXACT, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown TPC-H query '23': expected numbers 1-22");
        assertThatThrownBy(() -> validator.validate(1, 0, ValidationMode.EXACT, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scale factor must be a positive number, got 0.0");
    }

    @Test
    void theScaleIndependentRowCountsAgreeWithBothReferenceAnswers() {
        for (Map.Entry<Integer, Integer> entry : AnswerValidator.scaleIndependentRowCounts().entrySet()) {
            for (double scale : new double[] {0.01, 1}) {
                assertThat(ReferenceAnswers.find(scale, entry.getKey()).orElseThrow().rows())
                        .as("Q%d at SF %s", entry.getKey(), scale).hasSize(entry.getValue());
            }
        }
    }

    @Test
    void queriesLeftOutOfTheRowCountTableDoDifferBetweenScales() {
        for (int query = 1; query <= 22; query++) {
            if (!AnswerValidator.scaleIndependentRowCounts().containsKey(query)) {
                int atSf001 = ReferenceAnswers.find(0.01, query).orElseThrow().rows().size();
                int atSf1 = ReferenceAnswers.find(1, query).orElseThrow().rows().size();
                assertThat(atSf001).as("Q%d", query).isNotEqualTo(atSf1);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"exact, EXACT", "ROWCOUNT, ROWCOUNT", " Off , OFF"})
    void validationModesParseIgnoringCase(String text, ValidationMode mode) {
        assertThat(ValidationMode.parse(text)).isEqualTo(mode);
    }

    @Test
    void unknownValidationModesAreRejected() {
        assertThatThrownBy(() -> ValidationMode.parse("strict"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown validation mode 'strict': expected exact, rowcount, cross or off");
    }
}
