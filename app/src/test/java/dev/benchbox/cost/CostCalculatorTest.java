package dev.benchbox.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CostCalculatorTest {
    private static final PricingTable PRICING = PricingTable.load();
    private static final Rates US_EAST_1 = PRICING.price("us-east-1", Architecture.X86_64);

    @Test
    void dollarsAreExactProductsOfUtilizationAndRates() {
        // 2 vCPU-h × 0.052624 = 0.105248; 8 GB-h × 0.0057785 = 0.046228; 10 storage GB-h × 0.000111 = 0.00111
        Cost cost = CostCalculator.cost(new ResourceUtilization(2, 8, 10), US_EAST_1);

        assertThat(cost.vCpu()).isEqualByComparingTo("0.105248");
        assertThat(cost.memory()).isEqualByComparingTo("0.046228");
        assertThat(cost.storage()).isEqualByComparingTo("0.00111");
        assertThat(cost.total()).isEqualByComparingTo("0.152586");
        assertThat(Usd.cost(cost.total())).isEqualTo("$0.15");
    }

    @Test
    void awsThreeDecimalFiguresStayExact() {
        // AWS reports 0.267 vCPU-h and 1.067 GB-h for 4 default workers billed one minute.
        Cost cost = CostCalculator.cost(new ResourceUtilization(0.267, 1.067, 0), US_EAST_1);

        // 0.267 × 0.052624 = 0.014050608; 1.067 × 0.0057785 = 0.0061656595
        assertThat(cost.total()).isEqualByComparingTo("0.0202162675");
        assertThat(Usd.cost(cost.total())).isEqualTo("$0.02");
    }

    @Test
    void arm64CostsFourFifthsForCompute() {
        Rates arm = PRICING.price("us-east-1", Architecture.ARM64);

        assertThat(CostCalculator.cost(new ResourceUtilization(10, 40, 0), arm).total())
                .isEqualByComparingTo("0.605904"); // 10 × 0.0420992 + 40 × 0.0046228
    }

    @Test
    void jobRunIsPricedBilledAndTotalAtItsOwnRegion() {
        JobRunUsage run = Runs.run("00f1", "eu-central-1", Architecture.X86_64,
                new ResourceUtilization(1, 4, 5), new ResourceUtilization(1, 4, 0));

        JobRunCost cost = new CostCalculator(PRICING).cost(run);

        assertThat(cost.rates().region()).isEqualTo("eu-central-1");
        assertThat(cost.billed().total()).isEqualByComparingTo("0.087100"); // 0.060528 + 4 × 0.006643
        assertThat(cost.total().total()).isEqualByComparingTo("0.087760"); // + 5 × 0.000132
    }

    @Test
    void sumsStayExactUntilShown() {
        Cost third = CostCalculator.cost(new ResourceUtilization(0.1, 0, 0), US_EAST_1); // 0.0052624
        Cost sum = Cost.ZERO.plus(third).plus(third).plus(third);

        assertThat(sum.total()).isEqualByComparingTo("0.0157872");
        assertThat(Usd.cost(sum.total())).isEqualTo("$0.02"); // while each alone shows $0.01
        assertThat(Usd.cost(third.total())).isEqualTo("$0.01");
    }

    @Test
    void dollarFormatting() {
        assertThat(Usd.cost(BigDecimal.ZERO)).isEqualTo("$0.00");
        assertThat(Usd.cost(new BigDecimal("0.0049"))).isEqualTo("<$0.01");
        assertThat(Usd.cost(new BigDecimal("0.005"))).isEqualTo("$0.01");
        assertThat(Usd.cost(new BigDecimal("1234.5"))).isEqualTo("$1234.50");
        assertThat(Usd.estimate(new BigDecimal("0.040001"))).isEqualTo("$0.05");
        assertThat(Usd.estimate(new BigDecimal("0.04"))).isEqualTo("$0.04");
        assertThat(Usd.limit(new BigDecimal("5"))).isEqualTo("$5.00");
        assertThat(Usd.limit(new BigDecimal("100"))).isEqualTo("$100.00");
        assertThat(Usd.limit(new BigDecimal("0.015"))).isEqualTo("$0.015");
    }

    @Test
    void utilizationIsNonNegativeAndAdds() {
        assertThat(new ResourceUtilization(1, 2, 3).plus(new ResourceUtilization(0.5, 0.25, 0)))
                .isEqualTo(new ResourceUtilization(1.5, 2.25, 3));
        assertThat(ResourceUtilization.ofNullable(null, 2.0, null)).isEqualTo(new ResourceUtilization(0, 2, 0));
        assertThatThrownBy(() -> new ResourceUtilization(-0.001, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResourceUtilization(0, Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResourceUtilization(0, 0, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
