package dev.benchbox.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.tpch.TpchRefreshData;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefreshGeneratorsTest {

    @Test
    void tpchStagesTheUpdateSetOfDbgenAsTheViewsTheStatementsRead() {
        TpchRefreshData.RefreshSet expected = new TpchRefreshData(0.01).set(2);

        RefreshGenerators.StagedSet staged = RefreshGenerators.forName("tpch").stage(0.01, 2);

        assertThat(staged.tables()).containsExactly("orders", "lineitem");
        assertThat(staged.views()).extracting(RefreshGenerators.StagedView::name)
                .containsExactly("benchbox_rf_orders", "benchbox_rf_lineitem", "benchbox_rf_delete");
        RefreshGenerators.StagedView orders = staged.views().get(0);
        RefreshGenerators.StagedView lineitem = staged.views().get(1);
        RefreshGenerators.StagedView delete = staged.views().get(2);
        assertThat(orders.likeTable()).isEqualTo("orders");
        assertThat(lineitem.likeTable()).isEqualTo("lineitem");
        assertThat(delete.likeTable()).isNull();
        assertThat(delete.columns()).containsExactly(new RefreshGenerators.ViewColumn("orderkey", "bigint"));

        assertThat(orders.rows()).hasSize(expected.orders().size()).hasSize((int) TpchRefreshData.ordersPerSet(0.01));
        assertThat(lineitem.rows()).hasSize(expected.lineItems().size());
        assertThat(delete.rows()).hasSize(expected.deletedKeys().size());
        assertThat(orders.rows()).allSatisfy(row -> assertThat(row).hasSize(9));
        assertThat(lineitem.rows()).allSatisfy(row -> assertThat(row).hasSize(16));
        // the fields of dbgen's lines, unchanged: '|' between them, none after the last
        for (int i = 0; i < orders.rows().size(); i++) {
            assertThat(String.join("|", orders.rows().get(i)) + "|").isEqualTo(expected.orders().get(i));
        }
        assertThat(String.join("|", lineitem.rows().get(0)) + "|").isEqualTo(expected.lineItems().get(0));
        assertThat(delete.rows()).extracting(row -> Long.parseLong(row.get(0))).containsExactlyElementsOf(expected.deletedKeys());
        // line items belong to the new orders
        List<String> orderKeys = orders.rows().stream().map(row -> row.get(0)).toList();
        assertThat(lineitem.rows()).allSatisfy(row -> assertThat(orderKeys).contains(row.get(0)));
    }

    @Test
    void aGeneratorItDoesNotKnowOrAScaleItCannotMakeIsRefused() {
        assertThatThrownBy(() -> RefreshGenerators.forName("tpcds"))
                .hasMessage("no refresh data generator \"tpcds\": expected one of tpch");
        assertThatThrownBy(() -> RefreshGenerators.forName("tpch").stage(0.0001, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refresh data needs");
    }

    @Test
    void aFailedStatementSaysWhichCommittedBeforeIt() {
        List<String> statements = List.of("DELETE FROM lineitem WHERE l_orderkey IN (SELECT orderkey FROM benchbox_rf_delete)",
                "DELETE FROM orders WHERE o_orderkey IN (SELECT orderkey FROM benchbox_rf_delete)");

        assertThat(RefreshFunctions.failure(statements, 0, new IllegalStateException("no such table")))
                .isEqualTo("statement 1 of 2 failed: no such table; no statement of it had committed");
        assertThat(RefreshFunctions.failure(statements, 1, new IllegalStateException("commit conflict")))
                .isEqualTo("statement 2 of 2 failed: commit conflict; statement 1 had already committed (each statement commits on its "
                        + "own) and stays committed: [1] DELETE FROM lineitem WHERE l_orderkey IN (SELECT orderkey FROM benchbox_rf_delete)");
    }
}
