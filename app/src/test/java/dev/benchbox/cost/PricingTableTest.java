package dev.benchbox.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PricingTableTest {
    private static final PricingTable PRICING = PricingTable.load();

    @Test
    void hasEveryListedRegionForBothArchitectures() {
        for (String region : new String[] {"us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1",
                "ap-northeast-1", "ap-southeast-1"}) {
            for (Architecture architecture : Architecture.values()) {
                Rates rates = PRICING.price(region, architecture);
                assertThat(rates.region()).isEqualTo(region);
                assertThat(rates.architecture()).isEqualTo(architecture);
                assertThat(rates.perVCpuHour()).isPositive();
                assertThat(rates.perMemoryGbHour()).isPositive();
                assertThat(rates.perStorageGbHour()).isPositive();
            }
        }
    }

    @Test
    void usEast1PricesAreExactlyAwsFigures() {
        Rates x86 = PRICING.price("us-east-1", Architecture.X86_64);
        Rates arm = PRICING.price("us-east-1", "ARM64");

        assertThat(x86.perVCpuHour()).isEqualByComparingTo("0.052624");
        assertThat(x86.perMemoryGbHour()).isEqualByComparingTo("0.0057785");
        assertThat(x86.perStorageGbHour()).isEqualByComparingTo("0.000111");
        assertThat(arm.perVCpuHour()).isEqualByComparingTo("0.04209920");
        assertThat(arm.perMemoryGbHour()).isEqualByComparingTo("0.00462280");
        assertThat(arm.perStorageGbHour()).isEqualByComparingTo("0.000111");
        assertThat(x86.describe()).isEqualTo("us-east-1 x86_64: $0.052624/vCPU-h, $0.0057785/GB-h, $0.000111/storage GB-h");
    }

    @Test
    void arm64IsTwentyPercentCheaperForComputeEverywhere() {
        BigDecimal fourFifths = new BigDecimal("0.8");
        for (String region : PRICING.regions()) {
            Rates x86 = PRICING.price(region, Architecture.X86_64);
            Rates arm = PRICING.price(region, Architecture.ARM64);
            assertThat(arm.perVCpuHour()).as(region).isEqualByComparingTo(x86.perVCpuHour().multiply(fourFifths));
            assertThat(arm.perMemoryGbHour()).as(region).isEqualByComparingTo(x86.perMemoryGbHour().multiply(fourFifths));
            assertThat(arm.perStorageGbHour()).as(region).isEqualByComparingTo(x86.perStorageGbHour());
        }
    }

    @Test
    void fileSaysWhereThePricesComeFrom() {
        assertThat(PRICING.source()).contains("aws.amazon.com/emr/pricing");
        assertThat(PRICING.asOf()).isNotBlank();
    }

    @Test
    void unknownRegionIsOneLineNamingTheKnownOnes() {
        assertThatThrownBy(() -> PRICING.price("mars-north-1", Architecture.X86_64))
                .isInstanceOf(BenchboxException.class)
                .hasMessageStartingWith("no EMR Serverless prices for region 'mars-north-1'; known regions: ap-northeast-1, ")
                .hasMessageContaining("us-east-1, us-east-2, us-west-1, us-west-2")
                .hasMessageNotContaining("\n");
    }

    @Test
    void unknownArchitectureIsOneLine() {
        assertThatThrownBy(() -> PRICING.price("us-east-1", "sparc"))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("unknown architecture 'sparc': use x86_64 or arm64");
    }

    @Test
    void regionMissingAnArchitectureSaysSo() throws Exception {
        String json = """
                {"regions": {"xx-test-1": {"x86_64": {"vcpu_hour": 1, "memory_gb_hour": 0.1, "storage_gb_hour": 0.01}}}}
                """;
        PricingTable table = PricingTable.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(table.price("xx-test-1", Architecture.X86_64).perMemoryGbHour()).isEqualByComparingTo("0.1");
        assertThatThrownBy(() -> table.price("xx-test-1", Architecture.ARM64))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("no EMR Serverless arm64 prices for region xx-test-1");
    }
}
