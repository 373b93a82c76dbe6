package dev.benchbox.tpcds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The answer-file parsers, on excerpts of the real files (tabs and padding as they are there). */
class AnswerSetParserTest {

    @Nested
    class DuckDbFiles {
        @Test
        void readsHeaderRowsAndNulls() {
            AnswerSet set = AnswerSetParser.parseDuckDb("""
                    channel|i_brand_id|i_class_id|i_category_id|sum_sales|sum_number_sales
                    NULL|NULL|NULL|NULL|674173362.51|155629
                    catalog|1001001|1||1697729.02|347
                    """);

            assertThat(set.columns()).containsExactly("channel", "i_brand_id", "i_class_id", "i_category_id",
                    "sum_sales", "sum_number_sales");
            assertThat(set.rows()).containsExactly(
                    Arrays.asList(null, null, null, null, "674173362.51", "155629"),
                    Arrays.asList("catalog", "1001001", "1", null, "1697729.02", "347"));
        }

        @Test
        void keepsTrailingBlanksOfCharValues() {
            AnswerSet set = AnswerSetParser.parseDuckDb("""
                    main."substring"(r_reason_desc, 1, 20)|avg1|avg2|avg(wr_fee)
                    No service location |76.0|464.36|8.62
                    """);

            assertThat(set.rows().get(0)).containsExactly("No service location ", "76.0", "464.36", "8.62");
        }

        @Test
        void rejectsARowOfTheWrongWidth() {
            assertThatThrownBy(() -> AnswerSetParser.parseDuckDb("a|b\n1|2|3\n"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("row 1 has 3 values for 2 columns");
        }
    }

    @Nested
    class KitFiles {
        @Test
        void barSeparatedWithRuleAndTabs() {
            List<AnswerSet> sets = AnswerSetParser.parseKit("""
                    CHANNEL|I_BRAND_ID|I_CLASS_ID|I_CATEGORY_ID|SUM(SALES)|SUM(NUMBER_SALES)
                    -------|----------|----------|-------------|----------|-----------------
                           |\t  |\t     |\t\t   | 674173363| \t  155629
                    catalog|   1001001|\t    1|\t\t  2| 146344.47| \t      27

                    2 rows selected.

                    Elapsed: 00:00:58.93
                    """);

            assertThat(sets).hasSize(1);
            assertThat(sets.get(0).columns()).containsExactly("CHANNEL", "I_BRAND_ID", "I_CLASS_ID", "I_CATEGORY_ID",
                    "SUM(SALES)", "SUM(NUMBER_SALES)");
            assertThat(sets.get(0).rows()).containsExactly(
                    Arrays.asList(null, null, null, null, "674173363", "155629"),
                    Arrays.asList("catalog", "1001001", "1", "2", "146344.47", "27"));
        }

        @Test
        void barSeparatedWithoutRuleStartsThePartAtTheRepeatedHeader() {
            List<AnswerSet> sets = AnswerSetParser.parseKit("""
                    W_WAREHOUSE_SK|I_ITEM_SK|D_MOY|MEAN|COV
                    1|265|1|324.750000|1.2438391781544
                    W_WAREHOUSE_SK|I_ITEM_SK|D_MOY|MEAN|COV
                    1|8559|1|356.250000|1.5065193461696
                    """);

            assertThat(sets).hasSize(2);
            assertThat(sets.get(0).rows()).containsExactly(List.of("1", "265", "1", "324.750000", "1.2438391781544"));
            assertThat(sets.get(1).rows()).containsExactly(List.of("1", "8559", "1", "356.250000", "1.5065193461696"));
        }

        @Test
        void emptyTrailingFieldIsNull() {
            List<AnswerSet> sets = AnswerSetParser.parseKit("SS_CUSTOMER_SK|SUMSALES\n213|\n287|\n");

            assertThat(sets.get(0).rows()).containsExactly(Arrays.asList("213", null), Arrays.asList("287", null));
        }

        @Test
        void fixedWidthWithTabsAndBlanksInsideValues() {
            List<AnswerSet> sets = AnswerSetParser.parseKit("""
                    SUBSTR(R_REASON_DESC AVG(WS_QUANTITY) AVG(WR_REFUNDED_CASH) AVG(WR_FEE)
                    -------------------- ---------------- --------------------- -----------
                    Gift exchange\t\t\t   76\t\t     464.36\t   8.62
                    Not the product that\t\t   70\t\t     876.67\t  46.67
                    """);

            assertThat(sets.get(0).columns()).containsExactly("SUBSTR(R_REASON_DESC", "AVG(WS_QUANTITY)",
                    "AVG(WR_REFUNDED_CASH)", "AVG(WR_FEE)");
            assertThat(sets.get(0).rows()).containsExactly(
                    List.of("Gift exchange", "76", "464.36", "8.62"),
                    List.of("Not the product that", "70", "876.67", "46.67"));
        }

        @Test
        void twoPartsWithDifferentHeadersAndAMissingLeadingValue() {
            List<AnswerSet> sets = AnswerSetParser.parseKit("""
                    SUM(SALES)
                    ----------
                      17030.91



                    C_LAST_NAME\t\t       C_FIRST_NAME\t\t SALES
                    ------------------------------ -------------------- ----------
                    Collins \t\t       Gordon\t\t\t727.57
                    \t\t\t       Robert\t\t\t598.86
                    """);

            assertThat(sets).hasSize(2);
            assertThat(sets.get(0).rows()).containsExactly(List.of("17030.91"));
            assertThat(sets.get(1).columns()).containsExactly("C_LAST_NAME", "C_FIRST_NAME", "SALES");
            assertThat(sets.get(1).rows()).containsExactly(
                    List.of("Collins", "Gordon", "727.57"),
                    Arrays.asList(null, "Robert", "598.86"));
        }

        @Test
        void outputMarkersSeparatePartsWithTheSameHeaderAndMisalignedValuesFindTheirColumn() {
            String header = "C_LAST_NAME                    C_FIRST_NAME        S_STORE_NAME"
                    + "                                                                PAID\n"
                    + "------------------------------ -------------------- "
                    + "-------------------------------------------------- ------------------------------\n";
            List<AnswerSet> sets = AnswerSetParser.parseKit("---------------------- OUTPUT Query 1\n\n" + header
                    + "Martins                        Cara                bar"
                    + "                                                                        241.96\n\n\n"
                    + "---------------------- OUTPUT Query 2\n\n\n" + header
                    + "Hamlin                        Heather              able"
                    + "                                                                      149.65\n"
                    // one place left of the rules: "bar" is as far past the first names' rule as before the stores'
                    + "Martin                        Harold              bar"
                    + "                                                                      5834.88\n");

            assertThat(sets).hasSize(2);
            assertThat(sets.get(0).rows()).containsExactly(List.of("Martins", "Cara", "bar", "241.96"));
            assertThat(sets.get(1).rows()).containsExactly(List.of("Hamlin", "Heather", "able", "149.65"),
                    List.of("Martin", "Harold", "bar", "5834.88"));
        }

        @Test
        void aHeaderRepeatedAfterAPageBreakContinuesTheSameResultSet() {
            List<AnswerSet> sets = AnswerSetParser.parseKit("""
                    I_ITEM_ID        REVENUE
                    ---------------- -------
                    AAAAAAAAAAAAAAAA    1.50

                    I_ITEM_ID        REVENUE
                    ---------------- -------
                    AAAAAAAABAAAAAAA    2.50
                    """);

            assertThat(sets).hasSize(1);
            assertThat(sets.get(0).rows()).hasSize(2);
        }

        @Test
        void rejectsAFileWithoutHeader() {
            assertThatThrownBy(() -> AnswerSetParser.parseKit("\n\n"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("answer file has no header");
        }
    }
}
