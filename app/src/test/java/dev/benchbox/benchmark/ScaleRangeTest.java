package dev.benchbox.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import io.trino.tpch.TpchTable;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class ScaleRangeTest {
    private static final Benchmark TPCH = Benchmarks.get("tpch");
    private static final Benchmark TPCDS = Benchmarks.get("tpcds");
    private static final String TPCH_RANGE = "; TPC-H takes 0.0001 to 100000 with at most 4 decimal places (e.g. 0.01 or 1)";
    private static final String TPCDS_RANGE = "; TPC-DS takes 0.01 to 100000 with at most 2 decimal places (e.g. 0.01 or 1)";

    @Test
    void readsScalesAsPeopleTypeThem() {
        assertThat(TPCH.parseScale("0.01")).isEqualTo(0.01);
        assertThat(TPCH.parseScale(" 1 ")).isEqualTo(1.0);
        assertThat(TPCH.parseScale("0.0001")).isEqualTo(0.0001);
        assertThat(TPCH.parseScale("1e3")).isEqualTo(1000.0);
        assertThat(TPCH.parseScale("0.0100")).isEqualTo(0.01);
        assertThat(TPCH.parseScale("100000")).isEqualTo(100000.0);
        assertThat(TPCDS.parseScale("0.01")).isEqualTo(0.01);
        assertThat(TPCDS.parseScale("100")).isEqualTo(100.0);
    }

    @Test
    void refusesATpchScaleWhoseGeneratorWouldDivideByZero() {
        // SF 0.00001 reached the generator and failed deep in the load ("/ by zero": no supplier rows)
        assertRefused(TPCH, "0.00001", "invalid scale factor '0.00001': below 0.0001 the TPC-H generator makes no supplier rows"
                + TPCH_RANGE);
    }

    @Test
    void refusesATpcdsScaleItsGeneratorWouldQuietlyRaiseToSf001() {
        // SF 0.0001 loaded SF 0.01's rows and said SF0.0001
        assertRefused(TPCDS, "0.0001", "invalid scale factor '0.0001': below 0.01 the TPC-DS generator makes SF 0.01's rows"
                + TPCDS_RANGE);
    }

    @Test
    void refusesScalesAboveTheLargestTheTpcDefines() {
        assertRefused(TPCH, "1e9", "invalid scale factor '1e9': above 100000, the largest scale the TPC defines" + TPCH_RANGE);
        assertRefused(TPCDS, "100001", "invalid scale factor '100001': above 100000, the largest scale the TPC defines" + TPCDS_RANGE);
    }

    @Test
    void refusesNonNumbersZeroNegativesAndTooManyDigits() {
        assertRefused(TPCH, "abc", "invalid scale factor 'abc': not a number" + TPCH_RANGE);
        assertRefused(TPCH, "", "invalid scale factor '': not a number" + TPCH_RANGE);
        assertRefused(TPCH, null, "invalid scale factor 'null': not a number" + TPCH_RANGE);
        assertRefused(TPCH, "NaN", "invalid scale factor 'NaN': not a number" + TPCH_RANGE);
        assertRefused(TPCH, "Infinity", "invalid scale factor 'Infinity': not a number" + TPCH_RANGE);
        assertRefused(TPCH, "0", "invalid scale factor '0': it must be greater than 0" + TPCH_RANGE);
        assertRefused(TPCH, "-1", "invalid scale factor '-1': it must be greater than 0" + TPCH_RANGE);
        assertRefused(TPCH, "0.01000000000000000001", "invalid scale factor '0.01000000000000000001': too many decimal places" + TPCH_RANGE);
        assertRefused(TPCDS, "0.015", "invalid scale factor '0.015': too many decimal places" + TPCDS_RANGE);
    }

    @Test
    void theSmallestTpchScaleGivesEveryTableRowsAndTheNextStepDownDoesNot() {
        // the range's lower end is the generator's: at 0.0001 one supplier, below it none (and a division by zero)
        for (TpchTable<?> table : TpchTable.getTables()) {
            assertThat(StreamSupport.stream(table.createGenerator(0.0001, 1, 1).spliterator(), false).count())
                    .as(table.getTableName()).isPositive();
        }
        assertThat(StreamSupport.stream(TpchTable.SUPPLIER.createGenerator(0.00009, 1, 1).spliterator(), false).count()).isZero();
    }

    private static void assertRefused(Benchmark benchmark, String text, String message) {
        assertThatThrownBy(() -> benchmark.parseScale(text)).isInstanceOf(BenchboxException.class).hasMessage(message);
    }
}
