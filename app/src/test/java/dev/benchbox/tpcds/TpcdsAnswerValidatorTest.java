package dev.benchbox.tpcds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.tpch.Validation;
import dev.benchbox.tpch.ValidationMode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TpcdsAnswerValidatorTest {

    @Test
    void numbersToTheCentAndKitValuesToThePrecisionShown() {
        assertThat(TpcdsAnswerValidator.matches("674173362.51", new BigDecimal("674173362.51"))).isTrue();
        assertThat(TpcdsAnswerValidator.matches("674173363", new BigDecimal("674173362.51"))).isTrue();
        assertThat(TpcdsAnswerValidator.matches("674173363", new BigDecimal("674173360.51"))).isFalse();
        assertThat(TpcdsAnswerValidator.matches("76", 76.4)).isTrue();
        assertThat(TpcdsAnswerValidator.matches("1.2438391781544", 1.2438391781531353)).isTrue();
        assertThat(TpcdsAnswerValidator.matches("464.36", 464.38)).isFalse();
        assertThat(TpcdsAnswerValidator.matches("No service location ", "No service location")).isTrue();
        assertThat(TpcdsAnswerValidator.matches(null, null)).isTrue();
        assertThat(TpcdsAnswerValidator.matches(null, 0L)).isFalse();
        // whole numbers are keys and counts: no rounding
        assertThat(TpcdsAnswerValidator.matches("103268", 103269L)).isFalse();
    }

    @Test
    void twoPartQueriesHaveOneReferencePerPart() {
        List<TpcdsQuery> q23 = TpcdsQueries.query(23);

        AnswerSet first = TpcdsReferenceAnswers.find(1, q23.get(0)).orElseThrow();
        AnswerSet second = TpcdsReferenceAnswers.find(1, q23.get(1)).orElseThrow();

        assertThat(first.rows()).containsExactly(List.of("17030.91"));
        assertThat(second.columns()).containsExactly("C_LAST_NAME", "C_FIRST_NAME", "SALES");
        assertThat(second.rows()).hasSize(4);
        assertThat(TpcdsReferenceAnswers.find(0.1, q23.get(0))).isEmpty();
    }

    @Test
    void everyStatementHasAReadableReferenceAtScaleOne() {
        for (TpcdsQuery query : TpcdsQueries.statements(TpcdsQueries.all())) {
            assertThat(TpcdsReferenceAnswers.find(1, query)).as(query.name()).isPresent();
        }
        // Q30's reference is UTF-8 and names "CÔTE D'IVOIRE"
        assertThat(TpcdsReferenceAnswers.find(1, TpcdsQueries.query(30).get(0)).orElseThrow().rows())
                .anySatisfy(row -> assertThat(row).contains("CÔTE D'IVOIRE"));
    }

    @Test
    void comparesByPositionAndReportsTheFirstDifference() {
        TpcdsQuery q23a = TpcdsQueries.query(23).get(0);

        Validation good = TpcdsAnswerValidator.validate(q23a, 1, ValidationMode.EXACT, List.of("sum(sales)"),
                List.of(List.of(new BigDecimal("17030.91"))));
        Validation bad = TpcdsAnswerValidator.validate(q23a, 1, ValidationMode.EXACT, List.of("total"),
                List.of(List.of(new BigDecimal("17030.95"))));
        Validation rowCount = TpcdsAnswerValidator.validate(q23a, 1, ValidationMode.ROWCOUNT, List.of("total"),
                List.of(List.of(new BigDecimal("1"))));
        Validation elsewhere = TpcdsAnswerValidator.validate(q23a, 0.1, ValidationMode.EXACT, List.of("total"),
                new ArrayList<>(List.of(Arrays.asList((Object) null))));

        assertThat(good).isEqualTo(new Validation(Validation.Status.PASSED, Validation.Method.EXACT, "1 row matches the SF 1 reference answer"));
        assertThat(bad).isEqualTo(new Validation(Validation.Status.FAILED, Validation.Method.EXACT,
                "row 1, column total: expected 17030.91, got 17030.95"));
        assertThat(rowCount).isEqualTo(Validation.passed(Validation.Method.ROWCOUNT, "1 row, as in the SF 1 reference answer"));
        assertThat(elsewhere).isEqualTo(Validation.notValidated(
                "no reference answer at SF 0.1 (TPC-DS answers are known at SF 1, and for 23 statements at SF 0.01)"));
    }

    @Test
    void anotherEnginesAnswerOnTheSameDataIsTheSameToTheCentWithTiesInAnyOrder() {
        TpcdsQuery q3 = TpcdsQueries.query(3).get(0);
        List<String> columns = List.of("d_year", "brand_id", "brand", "sum_agg");
        // DuckDB: a double sum, HUGEINT-free integers; Spark: a decimal sum
        List<List<Object>> duckdb = List.of(
                List.of(2000, 1001001, "amalgamalg #1", 12.344999999),
                List.of(2000, 1001002, "edu packamalg #1", 7.5),
                List.of(2000, 1001002, "exporti #2", 7.5));
        List<List<Object>> spark = List.of(
                List.of(2000L, 1001001L, "amalgamalg #1", new BigDecimal("12.35")),
                List.of(2000L, 1001002L, "exporti #2", new BigDecimal("7.50")),
                List.of(2000L, 1001002L, "edu packamalg #1", new BigDecimal("7.50")));

        assertThat(TpcdsAnswerValidator.sameAnswer(q3, columns, duckdb, spark))
                .isEqualTo(new Validation(Validation.Status.PASSED, Validation.Method.EXACT, "3 rows, the same answer (rows tied on the ORDER BY in another order)"));
        assertThat(TpcdsAnswerValidator.sameAnswer(q3, columns, duckdb, duckdb))
                .isEqualTo(new Validation(Validation.Status.PASSED, Validation.Method.EXACT, "3 rows, the same answer"));

        List<List<Object>> offByTwoCents = List.of(
                List.of(2000L, 1001001L, "amalgamalg #1", new BigDecimal("12.37")), spark.get(1), spark.get(2));
        assertThat(TpcdsAnswerValidator.sameAnswer(q3, columns, duckdb, offByTwoCents))
                .isEqualTo(new Validation(Validation.Status.FAILED, Validation.Method.EXACT, "row 1, column sum_agg: expected 12.344999999, got 12.37"));
        List<Object> nullSum = new ArrayList<>(Arrays.asList(2000L, 1001001L, "amalgamalg #1", null));
        assertThat(TpcdsAnswerValidator.sameAnswer(q3, columns, duckdb, List.of(nullSum, spark.get(1), spark.get(2))).status())
                .isEqualTo(Validation.Status.FAILED);
        List<Object> nanSum = new ArrayList<>(Arrays.asList(2000, 1001001, "amalgamalg #1", Double.NaN));
        assertThat(TpcdsAnswerValidator.sameAnswer(q3, columns, List.of(nanSum), List.of(nullSum)).status())
                .as("NaN (DuckDB's division by zero) is Spark's NULL").isEqualTo(Validation.Status.PASSED);
        assertThat(TpcdsAnswerValidator.sameAnswer(q3, columns, duckdb, spark.subList(0, 2)))
                .isEqualTo(new Validation(Validation.Status.FAILED, Validation.Method.EXACT, "expected 3 rows, got 2"));
    }
}
