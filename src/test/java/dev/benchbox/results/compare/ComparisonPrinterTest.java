package dev.benchbox.results.compare;

import static dev.benchbox.results.compare.Fixtures.named;
import static dev.benchbox.results.compare.Fixtures.stat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonPrinterTest {
    static final Comparison COMPARISON = new Comparer().compare(List.of(
            named("x86", Fixtures.emr("x86_64", 3, "0.20", 2000, 60000, 30000, stat("Q1", 1000, 0.02), stat("Q6", 200, 0.05))),
            named("arm", Fixtures.emr("arm64", 3, "0.16", 2000, 60000, 30000, stat("Q1", 1500, 0.01), stat("Q6", 190, 0.05)))),
            0, 10.0, false);

    static String print(CompareFormat format, Comparison comparison) throws Exception {
        StringWriter out = new StringWriter();
        ComparisonPrinter.of(format).print(comparison, out);
        return out.toString();
    }

    @Test
    void tableLinesUpEveryRunAgainstTheBaseline() throws Exception {
        assertThat(print(CompareFormat.TABLE, COMPARISON)).isEqualTo("""
                TPC-H SF0.01, 2 runs, baseline x86: median ms per query over the measured iterations, CV = their coefficient of variation; ~ = within 2 standard deviations of the measured noise

                 query   | x86 ms | x86 CV | arm ms | arm CV | arm/x86 | change
                ---------+--------+--------+--------+--------+---------+------------
                 Q1      | 1000.0 |   2.0% | 1500.0 |   1.0% |    1.50 | REGRESSION
                 Q6      |  200.0 |   5.0% |  190.0 |   5.0% |    0.95 | ~
                 geomean |  447.2 |        |  533.9 |        |    1.19 | REGRESSION

                 run | platform                 | configuration (what differs) | iterations | speedup  | Power@Size | billed USD | Power@Size per USD
                -----+--------------------------+------------------------------+------------+----------+------------+------------+--------------------
                 x86 | emr-serverless emr-7.0.0 | x86_64                       |          3 | baseline |      80.50 |     0.2000 |             402.50
                 arm | emr-serverless emr-7.0.0 | arm64                        |          3 |    0.84x |      67.43 |     0.1600 |             421.44

                Regressions beyond 10%: arm Q1 +50.0%, arm geomean +19.4%
                """);
    }

    @Test
    void markdownIsTheSameTablesForAPullRequest() throws Exception {
        assertThat(print(CompareFormat.MARKDOWN, COMPARISON)).isEqualTo("""
                TPC-H SF0.01, 2 runs, baseline x86: median ms per query over the measured iterations, CV = their coefficient of variation; ~ = within 2 standard deviations of the measured noise

                | query   | x86 ms | x86 CV | arm ms | arm CV | arm/x86 | change     |
                |---------|-------:|-------:|-------:|-------:|--------:|------------|
                | Q1      | 1000.0 |   2.0% | 1500.0 |   1.0% |    1.50 | REGRESSION |
                | Q6      |  200.0 |   5.0% |  190.0 |   5.0% |    0.95 | ~          |
                | geomean |  447.2 |        |  533.9 |        |    1.19 | REGRESSION |

                | run | platform                 | configuration (what differs) | iterations | speedup  | Power@Size | billed USD | Power@Size per USD |
                |-----|--------------------------|------------------------------|-----------:|---------:|-----------:|-----------:|-------------------:|
                | x86 | emr-serverless emr-7.0.0 | x86_64                       |          3 | baseline |      80.50 |     0.2000 |             402.50 |
                | arm | emr-serverless emr-7.0.0 | arm64                        |          3 |    0.84x |      67.43 |     0.1600 |             421.44 |

                Regressions beyond 10%: arm Q1 +50.0%, arm geomean +19.4%
                """);
    }
}
