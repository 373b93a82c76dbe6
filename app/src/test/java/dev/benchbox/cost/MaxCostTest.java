package dev.benchbox.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MaxCostTest {

    @Test
    void refusesAnEstimateAboveTheLimit() {
        assertThatThrownBy(() -> MaxCost.check(new BigDecimal("0.100984"), new BigDecimal("0.05")))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("estimated cost $0.11 exceeds --max-cost $0.05: not started");
        assertThatThrownBy(() -> MaxCost.check(new BigDecimal("12.3"), new BigDecimal("10")))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("estimated cost $12.30 exceeds --max-cost $10.00: not started");
    }

    @Test
    void neverReadsAsEqualAmounts() {
        // 0.0201968 > 0.02: shown rounded up, so the message can't say "$0.02 exceeds $0.02".
        assertThatThrownBy(() -> MaxCost.check(new BigDecimal("0.0201968"), new BigDecimal("0.02")))
                .hasMessage("estimated cost $0.03 exceeds --max-cost $0.02: not started");
        assertThatThrownBy(() -> MaxCost.check(new BigDecimal("0.001"), BigDecimal.ZERO))
                .hasMessage("estimated cost $0.01 exceeds --max-cost $0.00: not started");
    }

    @Test
    void allowsAnEstimateAtOrBelowTheLimit() {
        assertThatCode(() -> MaxCost.check(new BigDecimal("0.05"), new BigDecimal("0.05"))).doesNotThrowAnyException();
        assertThatCode(() -> MaxCost.check(new BigDecimal("0.0403936"), new BigDecimal("0.05"))).doesNotThrowAnyException();
        CostEstimate sf001 = CostEstimator.load().estimate(0.01, JobCapacity.DEFAULT, "us-east-1", Architecture.X86_64);
        assertThatCode(() -> MaxCost.check(sf001, MaxCost.parse("0.05"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> MaxCost.check(sf001, MaxCost.parse("0.04")))
                .hasMessage("estimated cost $0.05 exceeds --max-cost $0.04: not started");
    }

    @Test
    void parsesDollarAmounts() {
        assertThat(MaxCost.parse("5")).isEqualByComparingTo("5");
        assertThat(MaxCost.parse(" 0.50 ")).isEqualByComparingTo("0.5");
        assertThat(MaxCost.parse("$2")).isEqualByComparingTo("2");
        assertThat(MaxCost.parse("0")).isEqualByComparingTo("0");
        assertThat(MaxCost.of(1.25)).isEqualByComparingTo("1.25");
    }

    @Test
    void rejectsWhatIsNotANonNegativeAmount() {
        assertThatThrownBy(() -> MaxCost.parse("-1")).isInstanceOf(BenchboxException.class)
                .hasMessage("--max-cost must not be negative, not -1");
        assertThatThrownBy(() -> MaxCost.parse("NaN")).isInstanceOf(BenchboxException.class)
                .hasMessage("--max-cost must be an amount in US dollars such as 5 or 0.50, not 'NaN'");
        assertThatThrownBy(() -> MaxCost.parse("Infinity")).isInstanceOf(BenchboxException.class)
                .hasMessage("--max-cost must be an amount in US dollars such as 5 or 0.50, not 'Infinity'");
        assertThatThrownBy(() -> MaxCost.parse("five")).isInstanceOf(BenchboxException.class)
                .hasMessage("--max-cost must be an amount in US dollars such as 5 or 0.50, not 'five'");
        assertThatThrownBy(() -> MaxCost.parse("")).isInstanceOf(BenchboxException.class)
                .hasMessage("--max-cost must be an amount in US dollars such as 5 or 0.50, not ''");
        assertThatThrownBy(() -> MaxCost.of(Double.NaN)).isInstanceOf(BenchboxException.class)
                .hasMessage("--max-cost must be an amount in US dollars such as 5 or 0.50, not NaN");
        assertThatThrownBy(() -> MaxCost.of(-0.5)).isInstanceOf(BenchboxException.class)
                .hasMessage("--max-cost must not be negative, not -0.5");
    }
}
