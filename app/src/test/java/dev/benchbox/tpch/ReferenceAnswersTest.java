package dev.benchbox.tpch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceAnswersTest {
    private static final List<String> THREE_COLUMNS = List.of("c_name", "c_custkey", "o_orderdate");

    @Test
    void trinoResultRowsParseWithAndWithoutATrailingDelimiter() {
        String text = """
                -- delimiter: |; ignoreOrder: false; types: LONGNVARCHAR|BIGINT|DATE
                Customer#000000667|667|1995-10-21|
                Customer#000000178|178|1997-04-09
                """;

        ReferenceAnswer answer = ReferenceAnswers.parseTrinoResult(18, THREE_COLUMNS, text);

        assertThat(answer.query()).isEqualTo(18);
        assertThat(answer.columns()).isEqualTo(THREE_COLUMNS);
        assertThat(answer.rows()).containsExactly(
                List.of("Customer#000000667", "667", "1995-10-21"),
                List.of("Customer#000000178", "178", "1997-04-09"));
    }

    @Test
    void trinoResultNullIsSqlNull() {
        String text = "-- delimiter: |; ignoreOrder: false; types: DOUBLE \nnull\n";

        ReferenceAnswer answer = ReferenceAnswers.parseTrinoResult(17, List.of("avg_yearly"), text);

        assertThat(answer.rows()).containsExactly(Arrays.asList((String) null));
    }

    @Test
    void trinoResultWithAnUnorderedAnswerIsRejected() {
        String text = "-- delimiter: |; ignoreOrder: true;\n1|2|3\n";

        assertThatThrownBy(() -> ReferenceAnswers.parseTrinoResult(3, THREE_COLUMNS, text))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("malformed reference answer of Q3: ignoreOrder is true");
    }

    @Test
    void trinoResultWithTheWrongNumberOfValuesIsRejected() {
        String text = "-- delimiter: |; ignoreOrder: false;\n1|2|3\n1|2\n";

        assertThatThrownBy(() -> ReferenceAnswers.parseTrinoResult(3, THREE_COLUMNS, text))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("malformed reference answer of Q3: row 2 has 2 values for 3 columns");
    }

    @Test
    void kitAnswerValuesAreStrippedOfPaddingAndTruncatedNamesAccepted() {
        String text = """
                c_name                   |c_custkey           |o_orderdat
                Customer#000128120       |              128120|1994-04-07
                """;

        ReferenceAnswer answer = ReferenceAnswers.parseKitAnswer(18, THREE_COLUMNS, text);

        assertThat(answer.columns()).isEqualTo(THREE_COLUMNS);
        assertThat(answer.rows()).containsExactly(List.of("Customer#000128120", "128120", "1994-04-07"));
    }

    @Test
    void kitAnswerUnnamedColumnsAreAccepted() {
        String text = "c_name  |col2|o_orderdate\nCustomer#1|1|1994-04-07\n";

        assertThat(ReferenceAnswers.parseKitAnswer(18, THREE_COLUMNS, text).rows()).hasSize(1);
    }

    @Test
    void kitAnswerWithAnotherColumnIsRejected() {
        String text = "c_name|c_phone|o_orderdate\n";

        assertThatThrownBy(() -> ReferenceAnswers.parseKitAnswer(18, THREE_COLUMNS, text))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("malformed reference answer of Q18: header column 2 is 'c_phone', expected c_custkey");
    }

    @Test
    void sf001AnswersComeFromTheTrinoJar() {
        ReferenceAnswer q1 = ReferenceAnswers.find(0.01, 1).orElseThrow();

        assertThat(q1.columns()).startsWith("l_returnflag", "l_linestatus", "sum_qty").endsWith("count_order");
        assertThat(q1.rows()).hasSize(4);
        assertThat(q1.rows().get(0)).containsExactly("A", "F", "380456", "532348211.65", "505822441.4861",
                "526165934.000839", "25.58", "35785.71", "0.05", "14876");
        assertThat(ReferenceAnswers.find(0.01, 17).orElseThrow().rows().get(0)).containsOnlyNulls();
    }

    @Test
    void sf1AnswersComeFromTheShippedKitFiles() {
        ReferenceAnswer q1 = ReferenceAnswers.find(1, 1).orElseThrow();

        assertThat(q1.rows()).hasSize(4);
        assertThat(q1.rows().get(0)).containsExactly("A", "F", "37734107.00", "56586554400.73", "53758257134.87",
                "55909065222.83", "25.52", "38273.13", "0.05", "1478493");
        assertThat(ReferenceAnswers.find(1.0, 16).orElseThrow().rows()).hasSize(18_314);
        assertThat(ReferenceAnswers.find(1, 18).orElseThrow().columns()).endsWith("sum_quantity");
    }

    @Test
    void everyShippedAnswerParsesUnderTheQueriesColumnNames() {
        for (int query = 1; query <= 22; query++) {
            for (double scale : new double[] {0.01, 1}) {
                ReferenceAnswer answer = ReferenceAnswers.find(scale, query).orElseThrow();
                assertThat(answer.columns()).as("Q%d at SF %s", query, scale)
                        .isEqualTo(ReferenceAnswers.columns(query));
            }
        }
    }

    @Test
    void noAnswersAtOtherScaleFactors() {
        assertThat(ReferenceAnswers.find(0.5, 1)).isEmpty();
        assertThat(ReferenceAnswers.find(30, 1)).isEmpty();
        assertThat(ReferenceAnswers.find(1.5, 1)).isEmpty();
    }

    @Test
    void unknownQueryNumbersAreRejected() {
        assertThatThrownBy(() -> ReferenceAnswers.find(1, 23))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown TPC-H query '23': expected numbers 1-22");
    }
}
