package dev.benchbox.tpch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TpchQueriesTest {
    @Test
    void allHoldsTheTwentyTwoQueriesInNumberOrder() {
        assertThat(TpchQueries.all()).extracting(TpchQuery::number)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 22).boxed().toList());
    }

    @Test
    void getReturnsTheQueryWithThatNumber() {
        TpchQuery q6 = TpchQueries.get(6);

        assertThat(q6.number()).isEqualTo(6);
        assertThat(q6.name()).isEqualTo("Q6");
        assertThat(q6.sql()).contains("sum(l_extendedprice * l_discount) as revenue");
    }

    @Test
    void getRejectsNumbersOutsideOneToTwentyTwo() {
        assertThatThrownBy(() -> TpchQueries.get(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown TPC-H query '0': expected numbers 1-22");
        assertThatThrownBy(() -> TpchQueries.get(23)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown TPC-H query '23': expected numbers 1-22");
    }

    @Test
    void everyQueryIsOneStatementWithoutASemicolon() {
        for (TpchQuery query : TpchQueries.all()) {
            assertThat(query.sql()).as(query.name()).doesNotContain(";").isEqualTo(query.sql().strip());
        }
    }

    /** Spark SQL is not on the classpath; these are the constructs known to break it (or DuckDB). */
    @Test
    void queriesAvoidSyntaxThatSparkOrDuckDbRejects() {
        for (TpchQuery query : TpchQueries.all()) {
            String sql = withoutComments(query.sql()).toLowerCase(Locale.ROOT);
            assertThat(sql).as(query.name())
                    .doesNotContain("interval")      // date arithmetic differs: literal dates instead
                    .doesNotContain("create ")       // no views: Q15 is a common table expression
                    .doesNotContain(" for ")         // substring(x from 1 for 2) is not Spark
                    .doesNotContain("::")            // PostgreSQL-style casts are not Spark
                    .doesNotContain("\"")            // quoted identifiers differ (Spark uses backticks)
                    .doesNotContainPattern("\\bfirst\\b")
                    .doesNotContainPattern("\\btop\\b");
        }
    }

    @Test
    void q15IsTheCommonTableExpressionVariant() {
        assertThat(withoutComments(TpchQueries.get(15).sql()).strip()).startsWith("with revenue0 as (");
    }

    @Test
    void queriesCarryTheValidationParameters() {
        assertThat(TpchQueries.get(1).sql()).contains("l_shipdate <= date '1998-09-02'");
        assertThat(TpchQueries.get(2).sql()).contains("p_size = 15", "'%BRASS'", "r_name = 'EUROPE'");
        assertThat(TpchQueries.get(11).sql()).contains("* 0.0001");
        assertThat(TpchQueries.get(18).sql()).contains("sum(l_quantity) > 300");
        assertThat(TpchQueries.get(22).sql()).contains("('13', '31', '23', '29', '30', '18', '17')");
    }

    @Test
    void parseSelectionReadsNumbersAndRangesInTheOrderGiven() {
        assertThat(new dev.benchbox.benchmark.TpchBenchmark().parseQueries("1,3,6")).containsExactly(1, 3, 6);
        assertThat(new dev.benchbox.benchmark.TpchBenchmark().parseQueries("1-5,7")).containsExactly(1, 2, 3, 4, 5, 7);
        assertThat(new dev.benchbox.benchmark.TpchBenchmark().parseQueries(" 22 , 2 - 3 ")).containsExactly(22, 2, 3);
        assertThat(new dev.benchbox.benchmark.TpchBenchmark().parseQueries("1-22")).hasSize(22);
    }

    @Test
    void parseSelectionDropsRepeats() {
        assertThat(new dev.benchbox.benchmark.TpchBenchmark().parseQueries("3,1-4,3")).containsExactly(3, 1, 2, 4);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "0;        unknown TPC-H query '0': expected numbers 1-22",
            "23;       unknown TPC-H query '23': expected numbers 1-22",
            "x;        unknown TPC-H query 'x': expected numbers 1-22",
            "1,x,3;    unknown TPC-H query 'x': expected numbers 1-22",
            "1,,3;     unknown TPC-H query '': expected numbers 1-22",
            "-3;       unknown TPC-H query '-3': expected numbers 1-22",
            "+3;       unknown TPC-H query '+3': expected numbers 1-22",
            "1-23;     unknown TPC-H query '23': expected numbers 1-22",
            "1-x;      unknown TPC-H query 'x': expected numbers 1-22",
            "5-1;      invalid TPC-H query range '5-1': the first number must not exceed the last",
    })
    void parseSelectionRejectsBadInputNamingTheBadValue(String spec, String message) {
        assertThatThrownBy(() -> new dev.benchbox.benchmark.TpchBenchmark().parseQueries(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void parseSelectionRejectsAnEmptySelection() {
        for (String spec : List.of("", "  ")) {
            assertThatThrownBy(() -> new dev.benchbox.benchmark.TpchBenchmark().parseQueries(spec))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no TPC-H queries selected: expected numbers 1-22, e.g. 1,3,6 or 1-5,7");
        }
    }

    private static String withoutComments(String sql) {
        return sql.replaceAll("--[^\n]*", "");
    }
}
