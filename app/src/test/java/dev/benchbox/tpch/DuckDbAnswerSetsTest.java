package dev.benchbox.tpch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.tpch.Validation.Status;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DuckDB's published TPC-H answer sets: shipped for SF 0.1, 10 and 100; its SF 0.01 and SF 1 sets (test resources)
 * agree value for value with the project's other sources there, which is why the family is trusted where it cannot
 * be checked against a run here.
 */
class DuckDbAnswerSetsTest {
    private static final Set<String> RELATIVE = Set.of("avg_qty", "avg_price", "avg_disc", "mkt_share", "promo_revenue", "avg_yearly");

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 10, 100})
    void everyQueryHasAnAnswerAtTheScalesOnlyDuckDbPublished(double scale) {
        for (int q = 1; q <= TpchQueries.COUNT; q++) {
            if (ReferenceAnswers.DUCKDB_OTHER_TEXT.contains(q)) {
                assertThat(ReferenceAnswers.find(scale, q)).as("Q" + q + " at SF " + scale).isEmpty();
                continue;
            }
            ReferenceAnswer answer = ReferenceAnswers.find(scale, q).orElseThrow();
            assertThat(answer.columns()).isEqualTo(ReferenceAnswers.columns(q));
            // Q11's fraction (0.0001, the validation parameter) leaves no part above it from SF 10 on
            assertThat(answer.rows()).as("Q" + q + " at SF " + scale).hasSizeGreaterThan(q == 11 && scale >= 10 ? -1 : 0);
        }
        // scale-independent row counts hold in them too, as the shape check of each file
        assertThat(ReferenceAnswers.find(scale, 1).orElseThrow().rows()).hasSize(4);
        assertThat(ReferenceAnswers.find(scale, 22).orElseThrow().rows()).hasSize(7);
    }

    @Test
    void aRunAtSf100ValidatesExactlyAndAWrongValueFails() {
        AnswerValidator validator = new AnswerValidator();
        ReferenceAnswer q1 = ReferenceAnswers.find(100, 1).orElseThrow();
        List<List<Object>> rows = new ArrayList<>();
        for (List<String> row : q1.rows()) {
            List<Object> values = new ArrayList<>();
            for (int c = 0; c < row.size(); c++) {
                values.add(c < 2 ? row.get(c) : c == 9 ? (Object) Long.parseLong(row.get(c)) : new BigDecimal(row.get(c)));
            }
            rows.add(values);
        }
        assertThat(validator.validate(1, 100, ValidationMode.EXACT, q1.columns(), rows))
                .isEqualTo(Validation.passed(Validation.Method.EXACT, "4 rows match the SF 100 reference answer"));
        rows.get(0).set(2, new BigDecimal("3775127757.00"));
        assertThat(validator.validate(1, 100, ValidationMode.EXACT, q1.columns(), rows).status()).isEqualTo(Status.FAILED);
        assertThat(validator.validate(6, 10, ValidationMode.EXACT, List.of("revenue"), List.of(List.<Object>of(new BigDecimal("1")))))
                .isEqualTo(Validation.failed(Validation.Method.EXACT, "row 1, column revenue: expected "
                        + ReferenceAnswers.find(10, 6).orElseThrow().rows().get(0).get(0) + ", got 1"));
    }

    /** Where both exist, DuckDB's answers equal the project's but for the queries of generated text, and only there. */
    @ParameterizedTest
    @ValueSource(strings = {"0.01", "1"})
    void duckDbsSetAgreesWithTheProjectsAnswersWhereBothExist(String scale) {
        Set<Integer> differing = new java.util.TreeSet<>();
        for (int q = 1; q <= TpchQueries.COUNT; q++) {
            List<String> columns = ReferenceAnswers.columns(q);
            ReferenceAnswer duckdb = ReferenceAnswers.parseDuckDbAnswer(q, columns,
                    ReferenceAnswers.read(ReferenceAnswers.duckDbResource(scale, q)));
            ReferenceAnswer ours = ReferenceAnswers.find(Double.parseDouble(scale), q).orElseThrow();
            if (!agree(ours, duckdb)) {
                differing.add(q);
            }
        }
        assertThat(differing).isEqualTo(ReferenceAnswers.DUCKDB_OTHER_TEXT);
    }

    private static boolean agree(ReferenceAnswer ours, ReferenceAnswer duckdb) {
        if (ours.rows().size() != duckdb.rows().size()) {
            return false;
        }
        for (int r = 0; r < ours.rows().size(); r++) {
            for (int c = 0; c < ours.columns().size(); c++) {
                if (!AnswerValidator.matches(ours.rows().get(r).get(c), duckdb.rows().get(r).get(c), RELATIVE.contains(ours.columns().get(c)))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void aFileOfAnotherShapeIsRejected() {
        assertThatThrownBy(() -> ReferenceAnswers.parseDuckDbAnswer(6, List.of("revenue"), "revenue|x\n1|2\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("malformed reference answer of Q6: header has 2 columns, expected 1");
        assertThatThrownBy(() -> ReferenceAnswers.parseDuckDbAnswer(4, List.of("o_orderpriority", "order_count"), "a|b\n1-URGENT|2|3\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("malformed reference answer of Q4: row 1 has 3 values for 2 columns");
        assertThat(ReferenceAnswers.parseDuckDbAnswer(17, List.of("avg_yearly"), "avg_yearly\nNULL\n").rows().get(0)).containsNull();
        // DuckDB writes a one-column NULL as an empty line
        assertThat(ReferenceAnswers.parseDuckDbAnswer(17, List.of("avg_yearly"), "avg_yearly\n\n").rows()).hasSize(1);
    }
}
