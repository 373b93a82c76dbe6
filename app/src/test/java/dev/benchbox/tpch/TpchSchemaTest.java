package dev.benchbox.tpch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import org.junit.jupiter.api.Test;

class TpchSchemaTest {
    @Test
    void parsesTableListsIgnoringCaseSpacesAndRepeats() {
        assertThat(TpchSchema.parseTables("region, Nation,region,,")).containsExactly("region", "nation");
    }

    @Test
    void emptyTableListMeansAllTablesInLoadOrder() {
        assertThat(TpchSchema.parseTables("")).isEqualTo(TpchSchema.TABLES);
        assertThat(TpchSchema.parseTables(null)).containsExactly(
                "region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem");
    }

    @Test
    void unknownTableIsNamedWithTheValidOnes() {
        assertThatThrownBy(() -> TpchSchema.parseTables("region,lineitems"))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("unknown TPC-H table 'lineitems': expected one of "
                        + "region, nation, supplier, customer, part, partsupp, orders, lineitem");
    }

    @Test
    void onlyCommasNameNoTable() {
        assertThatThrownBy(() -> TpchSchema.parseTables(" , "))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("no table named in ' , '");
    }

    @Test
    void createTableSqlForRegionUsesTheSpecificationTypes() {
        assertThat(TpchSchema.createTableSql("\"main\".\"region\"", "region"))
                .isEqualTo("CREATE TABLE \"main\".\"region\" (r_regionkey BIGINT, r_name VARCHAR(25), r_comment VARCHAR(152))");
    }

    @Test
    void moneyColumnsAreDecimal() {
        assertThat(TpchSchema.columns("lineitem"))
                .filteredOn(c -> c.name().equals("l_extendedprice"))
                .singleElement()
                .extracting(dev.benchbox.dataset.Column::type)
                .isEqualTo("DECIMAL(15,2)");
    }

    @Test
    void recognisesTpchTablesInAnyCase() {
        assertThat(TpchSchema.isTpchTable("LINEITEM")).isTrue();
        assertThat(TpchSchema.isTpchTable("cities")).isFalse();
    }

}
