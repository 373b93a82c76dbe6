package dev.benchbox.tpch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import org.junit.jupiter.api.Test;

class TpchSchemaTest {
    private static final String NOT_A_NUMBER = "': expected a positive number such as 0.01 or 1";
    private static final String NOT_POSITIVE = "': it must be greater than 0";

    @Test
    void parsesPositiveScaleFactors() {
        assertThat(TpchSchema.parseScale("0.01")).isEqualTo(0.01);
        assertThat(TpchSchema.parseScale(" 1 ")).isEqualTo(1.0);
        assertThat(TpchSchema.parseScale("10")).isEqualTo(10.0);
    }

    @Test
    void rejectsZeroAndNegativeScaleFactors() {
        assertScaleRejected("0", "invalid scale factor '0" + NOT_POSITIVE);
        assertScaleRejected("-1", "invalid scale factor '-1" + NOT_POSITIVE);
    }

    @Test
    void rejectsScaleFactorsThatAreNotNumbers() {
        assertScaleRejected("abc", "invalid scale factor 'abc" + NOT_A_NUMBER);
        assertScaleRejected("", "invalid scale factor '" + NOT_A_NUMBER);
    }

    @Test
    void rejectsNonFiniteScaleFactorsAsNotNumbers() {
        assertScaleRejected("NaN", "invalid scale factor 'NaN" + NOT_A_NUMBER);
        assertScaleRejected("Infinity", "invalid scale factor 'Infinity" + NOT_A_NUMBER);
        assertScaleRejected("1e400", "invalid scale factor '1e400" + NOT_A_NUMBER);
    }

    @Test
    void rejectsAMissingScaleFactor() {
        assertScaleRejected(null, "invalid scale factor 'null" + NOT_A_NUMBER);
    }

    @Test
    void formatsScaleFactorsAsPeopleWriteThem() {
        assertThat(TpchSchema.formatScale(0.01)).isEqualTo("0.01");
        assertThat(TpchSchema.formatScale(1.0)).isEqualTo("1");
        assertThat(TpchSchema.formatScale(10)).isEqualTo("10");
        assertThat(TpchSchema.formatScale(100)).isEqualTo("100");
        assertThat(TpchSchema.formatScale(0.1)).isEqualTo("0.1");
    }

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
                .extracting(dev.benchbox.platform.Column::type)
                .isEqualTo("DECIMAL(15,2)");
    }

    @Test
    void recognisesTpchTablesInAnyCase() {
        assertThat(TpchSchema.isTpchTable("LINEITEM")).isTrue();
        assertThat(TpchSchema.isTpchTable("cities")).isFalse();
    }

    private static void assertScaleRejected(String text, String message) {
        assertThatThrownBy(() -> TpchSchema.parseScale(text))
                .isInstanceOf(BenchboxException.class)
                .hasMessage(message);
    }
}
