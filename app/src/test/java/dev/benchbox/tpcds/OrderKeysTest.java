package dev.benchbox.tpcds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderKeysTest {

    @Test
    void findsTheResultColumnsOfTheOutermostOrderBy() {
        String sql = "SELECT a, b, substr(s_city, 1, 30), x.profit AS p FROM (SELECT * FROM t ORDER BY z) x "
                + "WHERE name = 'order by q' -- order by comment\n"
                + "ORDER BY b DESC NULLS LAST, 4 asc, substr(s_city,1,30) LIMIT 100";
        List<String> names = List.of("a", "b", "main.\"substring\"(s_city, 1, 30)", "p");

        // the columns sorted on, as a set: ties are rows equal on all of them
        assertThat(OrderKeys.of(sql, names)).contains(new OrderKeys(List.of(1, 2, 3), true));
    }

    @Test
    void aQualifiedColumnSortsTheColumnOfItsName() {
        assertThat(OrderKeys.of("SELECT s_city, n FROM store ORDER BY store.s_city", List.of("s_city", "n")))
                .contains(new OrderKeys(List.of(0), false));
    }

    @Test
    void aKeySelectedUnderAnAliasIsFoundByItsExpression() {
        String sql = "WITH x AS (SELECT 1 FROM t ORDER BY 1) SELECT a.ca_state state, count(*) cnt, sum(cr_net_loss) AS loss "
                + "FROM customer_address a GROUP BY a.ca_state ORDER BY cnt, a.ca_state, sum(cr_net_loss) DESC LIMIT 100";

        assertThat(OrderKeys.of(sql, List.of("state", "cnt", "Returns_Loss")))
                .contains(new OrderKeys(List.of(0, 1, 2), true));
    }

    @Test
    void anExpressionOfResultColumnsSortsOnEveryColumnItReads() {
        String sql = "SELECT i_category, lochierarchy, sum_sales, avg_monthly_sales FROM v ORDER BY lochierarchy DESC, "
                + "CASE WHEN lochierarchy = 0 THEN i_category END, sum_sales - avg_monthly_sales";

        assertThat(OrderKeys.of(sql, List.of("i_category", "lochierarchy", "sum_sales", "avg_monthly_sales")))
                .contains(new OrderKeys(List.of(0, 1, 2, 3), false));
        // an expression reading a column the result does not have cannot be told
        assertThat(OrderKeys.of("SELECT a FROM t ORDER BY a - b", List.of("a"))).isEmpty();
    }

    @Test
    void unknownWhenAKeyIsNotAResultColumnOrThereIsNoOrderBy() {
        assertThat(OrderKeys.of("SELECT a FROM t ORDER BY b", List.of("a"))).isEmpty();
        assertThat(OrderKeys.of("SELECT a FROM t ORDER BY 2", List.of("a"))).isEmpty();
        assertThat(OrderKeys.of("SELECT a FROM (SELECT a FROM t ORDER BY a) LIMIT 5", List.of("a"))).isEmpty();
    }

    @Test
    void rowsTiedOnEveryKeyMayComeInAnyOrderButNothingElseMay() {
        OrderKeys byFirst = new OrderKeys(List.of(0), false);
        List<List<String>> expected = List.of(List.of("a", "1"), List.of("b", "2"), List.of("b", "3"));

        assertThat(TpcdsAnswerValidator.matchesWithTies(expected,
                List.of(List.of("a", 1L), List.of("b", 3L), List.of("b", 2L)), byFirst)).isTrue();
        assertThat(TpcdsAnswerValidator.matchesWithTies(expected,
                List.of(List.of("b", 2L), List.of("a", 1L), List.of("b", 3L)), byFirst)).isFalse();
        assertThat(TpcdsAnswerValidator.matchesWithTies(expected,
                List.of(List.of("a", 1L), List.of("b", 3L), List.of("b", 4L)), byFirst)).isFalse();
    }

    @Test
    void atALimitTheLastTiedRowsMayBeAnyOfThemButTheirKeysMustMatch() {
        OrderKeys limited = new OrderKeys(List.of(0), true);
        List<List<String>> expected = List.of(List.of("a", "1"), List.of("b", "2"), List.of("b", "3"));

        assertThat(TpcdsAnswerValidator.matchesWithTies(expected,
                List.of(List.of("a", 1L), List.of("b", 9L), List.of("b", 2L)), limited)).isTrue();
        assertThat(TpcdsAnswerValidator.matchesWithTies(expected,
                List.of(List.of("a", 1L), List.of("b", 9L), List.of("c", 2L)), limited)).isFalse();
        assertThat(TpcdsAnswerValidator.matchesWithTies(expected,
                List.of(List.of("a", 5L), List.of("b", 2L), List.of("b", 3L)), limited)).isFalse();
    }

    @Test
    void query79sTwoRowsTiedOnItsSortKeysPassInEitherOrder() {
        TpcdsQuery q79 = TpcdsQueries.query(79).get(0);
        AnswerSet reference = TpcdsReferenceAnswers.find(1, q79).orElseThrow();
        List<String> names = List.of("c_last_name", "c_first_name", "substr(s_city, 1, 30)", "ss_ticket_number",
                "amt", "profit");
        List<List<Object>> rows = new java.util.ArrayList<>(reference.rows().stream().map(OrderKeysTest::values).toList());
        java.util.Collections.swap(rows, 17, 18);

        assertThat(TpcdsAnswerValidator.validate(q79, 1, dev.benchbox.tpch.ValidationMode.EXACT, names, rows).detail())
                .isEqualTo("100 rows match the SF 1 reference answer (rows tied on the ORDER BY in another order)");

        java.util.Collections.swap(rows, 0, 1);
        assertThat(TpcdsAnswerValidator.validate(q79, 1, dev.benchbox.tpch.ValidationMode.EXACT, names, rows).detail())
                .isEqualTo("row 1, column ss_ticket_number: expected 158139, got 30114");
    }

    private static List<Object> values(List<String> row) {
        return Arrays.asList(row.stream().map(OrderKeysTest::value).toArray());
    }

    private static Object value(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new java.math.BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
