package dev.benchbox.tpcds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TpcdsQueriesTest {

    @Test
    void ninetyNineQueriesAreOneHundredAndThreeStatements() {
        List<TpcdsQuery> statements = TpcdsQueries.statements(TpcdsQueries.all());

        assertThat(statements).hasSize(103);
        assertThat(statements).allSatisfy(query -> {
            assertThat(query.sql()).doesNotEndWith(";");
            assertThat(query.sql()).doesNotContain("`"); // DuckDB has no backtick quoting
        });
    }

    @Test
    void twoPartQueriesHavePartsAThenB() {
        for (int number : List.of(14, 23, 24, 39)) {
            assertThat(TpcdsQueries.query(number)).extracting(TpcdsQuery::name)
                    .containsExactly("Q" + number + "a", "Q" + number + "b");
        }
        assertThat(TpcdsQueries.query(1)).extracting(TpcdsQuery::name).containsExactly("Q1");
    }

    @Test
    void partsAreDifferentStatements() {
        List<TpcdsQuery> q39 = TpcdsQueries.query(39);

        assertThat(q39.get(0).sql()).isNotEqualTo(q39.get(1).sql());
        // the specification's second part of Q39 keeps only items with a high coefficient of variation
        assertThat(q39.get(1).sql()).contains("cov > 1.5");
    }

    @Test
    void carriesTheQualificationParameters() {
        // Q1's qualification values (specification appendix B): year 2000, state TN
        assertThat(TpcdsQueries.query(1).get(0).sql()).contains("d_year = 2000").contains("s_state = 'TN'");
    }

    @Test
    void rejectsUnknownNumbers() {
        assertThatThrownBy(() -> TpcdsQueries.query(100))
                .hasMessage("unknown TPC-DS query '100': expected numbers 1-99");
    }
}
