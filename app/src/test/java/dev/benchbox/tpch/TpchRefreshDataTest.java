package dev.benchbox.tpch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.tpch.TpchRefreshData.RefreshSet;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java update sets against {@code dbgen -U}'s files (see the fixtures' README for how they were made). */
class TpchRefreshDataTest {
    private static List<String> fixture(String name) throws IOException, URISyntaxException {
        return Files.readAllLines(Path.of(TpchRefreshDataTest.class.getResource("/tpch/reference/" + name).toURI()));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void updateSetsAtSf001EqualDbgensFilesRowForRow(int set) throws Exception {
        RefreshSet refresh = new TpchRefreshData(0.01).set(set);

        assertThat(refresh.orders()).isEqualTo(fixture("dbgen-sf0.01/orders.tbl.u" + set));
        assertThat(refresh.lineItems()).isEqualTo(fixture("dbgen-sf0.01/lineitem.tbl.u" + set));
        assertThat(refresh.deletedKeys().stream().map(key -> key + "|").toList())
                .isEqualTo(fixture("dbgen-sf0.01/delete." + set));
    }

    @Test
    void setOneAtSf1HasDbgensCountsAndEnds() throws Exception {
        RefreshSet refresh = new TpchRefreshData(1).set(1);

        assertThat(refresh.orders()).hasSize(1500);
        assertThat(refresh.lineItems()).hasSize(5822);
        assertThat(refresh.deletedKeys()).hasSize(1500);
        assertThat(ends(refresh.orders())).isEqualTo(fixture("dbgen-sf1/orders.tbl.u1.ends"));
        assertThat(ends(refresh.lineItems())).isEqualTo(fixture("dbgen-sf1/lineitem.tbl.u1.ends"));
        assertThat(ends(refresh.deletedKeys().stream().map(key -> key + "|").toList()))
                .isEqualTo(fixture("dbgen-sf1/delete.1.ends"));
    }

    @Test
    void ordersPerSetFollowDbgensIntegerArithmetic() {
        assertThat(TpchRefreshData.ordersPerSet(1)).isEqualTo(1500);
        assertThat(TpchRefreshData.ordersPerSet(10)).isEqualTo(15000);
        assertThat(TpchRefreshData.ordersPerSet(0.1)).isEqualTo(150);
        assertThat(TpchRefreshData.ordersPerSet(0.01)).isEqualTo(10);
    }

    @Test
    void refusesScalesDbgenWouldGenerateDifferently() {
        assertThatThrownBy(() -> new TpchRefreshData(1.5)).hasMessageContaining("got 1.5");
        assertThatThrownBy(() -> new TpchRefreshData(0.0001)).hasMessageContaining("got 0.0001");
    }

    private static List<String> ends(List<String> lines) {
        return java.util.stream.Stream.concat(lines.subList(0, 3).stream(), lines.subList(lines.size() - 3, lines.size()).stream())
                .toList();
    }
}
