package dev.benchbox.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TpchRowCountsTest {
    @Test
    void everyTableButLineitemIsAnExactMultipleOfTheScale() {
        assertThat(TpchRowCounts.matches("orders", 0.01, 15_000)).isTrue();
        assertThat(TpchRowCounts.matches("orders", 0.01, 14_999)).isFalse();
        assertThat(TpchRowCounts.matches("nation", 1000, 25)).isTrue();
        assertThat(TpchRowCounts.matches("partsupp", 1000, 800_000_000L)).isTrue();
        assertThat(TpchRowCounts.describe("orders", 1000)).isEqualTo("1,500,000,000");
    }

    @Test
    void lineitemIsExactWhereCountedAndWithinATenthOfAPercentElsewhere() {
        assertThat(TpchRowCounts.matches("lineitem", 1, 6_001_215)).isTrue();
        assertThat(TpchRowCounts.matches("lineitem", 1, 6_001_216)).isFalse();
        assertThat(TpchRowCounts.matches("lineitem", 2, 12_001_000)).isTrue();
        assertThat(TpchRowCounts.matches("lineitem", 2, 12_020_000)).isFalse();
        assertThat(TpchRowCounts.describe("lineitem", 2)).isEqualTo("about 12,000,000 (within 0.1%)");
        assertThat(TpchRowCounts.describe("lineitem", 0.01)).isEqualTo("60,175");
    }
}
