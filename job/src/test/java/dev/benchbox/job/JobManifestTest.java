package dev.benchbox.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobManifestTest {

    private static final String RF1 = "{\"id\": \"RF1\", \"refresh\": {\"statements\": [\"INSERT INTO orders SELECT * FROM benchbox_rf_orders\", "
            + "\"INSERT INTO lineitem SELECT * FROM benchbox_rf_lineitem\"], \"generator\": \"tpch\", \"scale\": 0.01, \"set\": 1}}";

    private static JobManifest parse(String catalog, String queries, int warmups, int iterations) {
        String json = "{\"run_id\": \"r-1\", \"database\": \"tpch_ice\", \"catalog\": \"" + catalog + "\", "
                + (catalog.equals("iceberg") ? "\"iceberg_catalog\": \"glue_catalog\", " : "")
                + "\"tables\": {}, \"queries\": [" + queries + "], \"warmups\": " + warmups + ", \"iterations\": " + iterations
                + ", \"max_rows\": 10, \"output\": \"s3://b/runs/r-1/\"}";
        return JobManifest.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsARefreshFunctionAmongTheQueries() {
        JobManifest manifest = parse("iceberg", RF1 + ", {\"id\": \"orders\", \"sql\": \"SELECT count(*) FROM orders\"}", 0, 1);

        assertThat(manifest.queries()).hasSize(2);
        JobManifest.Query rf1 = manifest.queries().get(0);
        assertThat(rf1.id()).isEqualTo("RF1");
        assertThat(rf1.refresh()).isEqualTo(new JobManifest.Refresh(List.of("INSERT INTO orders SELECT * FROM benchbox_rf_orders",
                "INSERT INTO lineitem SELECT * FROM benchbox_rf_lineitem"), "tpch", 0.01, 1));
        assertThat(rf1.sql()).isEqualTo("INSERT INTO orders SELECT * FROM benchbox_rf_orders;\nINSERT INTO lineitem SELECT * FROM benchbox_rf_lineitem");
        assertThat(manifest.queries().get(1).refresh()).isNull();
        assertThat(manifest.queries().get(1).sql()).isEqualTo("SELECT count(*) FROM orders");
    }

    @Test
    void aRefreshFunctionRunsOnceAndOnlyOverIcebergTables() {
        assertThatThrownBy(() -> parse("glue", RF1, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queries.RF1.refresh changes tables: it needs catalog \"iceberg\", not \"glue\"");
        assertThatThrownBy(() -> parse("iceberg", RF1, 1, 1))
                .hasMessage("queries.RF1.refresh changes tables, so it runs once: warmups must be 0 and iterations 1, got 1 and 1");
        assertThatThrownBy(() -> parse("iceberg", RF1, 0, 3)).hasMessageContaining("got 0 and 3");
    }

    @Test
    void namesTheFieldOfABadRefreshEntry() {
        assertThatThrownBy(() -> parse("iceberg", "{\"id\": \"RF1\", \"sql\": \"x\", \"refresh\": {}}", 0, 1))
                .hasMessage("queries.RF1 has both sql and refresh: one or the other");
        assertThatThrownBy(() -> parse("iceberg", "{\"id\": \"RF1\", \"refresh\": [1]}", 0, 1))
                .hasMessage("queries.RF1.refresh must be an object {statements, generator, scale, set}");
        assertThatThrownBy(() -> parse("iceberg", RF1.replaceAll("\\[.*\\]", "[]"), 0, 1))
                .hasMessage("queries.RF1.refresh.statements must be a non-empty array of SQL strings");
        assertThatThrownBy(() -> parse("iceberg", RF1.replace("\"INSERT INTO orders SELECT * FROM benchbox_rf_orders\"", "\" \""), 0, 1))
                .hasMessage("queries.RF1.refresh.statements must hold non-empty SQL strings");
        assertThatThrownBy(() -> parse("iceberg", RF1.replace("\"generator\": \"tpch\", ", ""), 0, 1))
                .hasMessage("queries.RF1.refresh.generator must name the refresh data's generator, e.g. \"tpch\"");
        assertThatThrownBy(() -> parse("iceberg", RF1.replace("0.01", "0"), 0, 1))
                .hasMessage("queries.RF1.refresh.scale must be a number above 0");
        assertThatThrownBy(() -> parse("iceberg", RF1.replace("\"set\": 1", "\"set\": 0"), 0, 1))
                .hasMessage("queries.RF1.refresh.set must be a whole number, 1 or more");
        assertThatThrownBy(() -> parse("iceberg", RF1.replace("\"set\": 1", "\"set\": 1.5"), 0, 1))
                .hasMessage("queries.RF1.refresh.set must be a whole number, 1 or more");
    }
}
