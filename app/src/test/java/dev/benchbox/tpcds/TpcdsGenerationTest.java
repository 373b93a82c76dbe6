package dev.benchbox.tpcds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The facts about io.trino.tpcds's output that the DuckDB loader and the Spark job share. */
class TpcdsGenerationTest {

    @Test
    void decimalsAndDatesAreReadExactly() {
        assertThat(TpcdsGeneration.unscaled("-779.73", 2)).isEqualTo(-77_973);
        assertThat(TpcdsGeneration.unscaled("2.80", 2)).isEqualTo(280);
        assertThat(TpcdsGeneration.unscaled("7", 2)).isEqualTo(700);
        assertThat(TpcdsGeneration.unscaled("0.5", 2)).isEqualTo(50);
        assertThatThrownBy(() -> TpcdsGeneration.unscaled("1.234", 2)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> TpcdsGeneration.unscaled("1,5", 2)).isInstanceOf(NumberFormatException.class);
        assertThat(TpcdsGeneration.epochDays("1970-01-02")).isEqualTo(1);
        assertThat(TpcdsGeneration.epochDays("1998-01-01")).isEqualTo(10_227);
        assertThatThrownBy(() -> TpcdsGeneration.epochDays("1998-1-01")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void aReturnsTableComesOutOfItsSalesTablesGenerator() {
        assertThat(TpcdsGeneration.source("store_returns")).isEqualTo("store_sales");
        assertThat(TpcdsGeneration.source("catalog_returns")).isEqualTo("catalog_sales");
        assertThat(TpcdsGeneration.source("web_returns")).isEqualTo("web_sales");
        assertThat(TpcdsGeneration.source("store_sales")).isEqualTo("store_sales");
        assertThat(TpcdsGeneration.source("Item")).isEqualTo("item");
        for (String table : TpcdsSchema.TABLES) {
            assertThat(TpcdsSchema.TABLES).contains(TpcdsGeneration.source(table));
        }
    }

    @Test
    void onlyTheDataSetsTablesAreKnown() {
        assertThatThrownBy(() -> TpcdsGeneration.source("lineitem")).hasMessage("unknown TPC-DS table 'lineitem'");
        assertThatThrownBy(() -> TpcdsGeneration.source("dbgen_version")).hasMessage("unknown TPC-DS table 'dbgen_version'");
        assertThatThrownBy(() -> TpcdsGeneration.source("s_purchase")).hasMessage("unknown TPC-DS table 's_purchase'");
    }
}
