package dev.benchbox.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

class HelpLayoutTest {
    private static final String LISTING = """
            AVAILABLE COMMANDS

            Benchmark
                   compare: Compare results files.
                   cost: What it cost.
                   run: TPC-H or TPC-DS power run.

            Built-In Commands
                   help: Display help about available commands

            Session
                   disconnect: Close the connection.
                   script: Replay a .bbx file.
                   connect: Connect to a platform.
                   status: Show the connection.

            Data
                   * load: Load data.
                   * use: Switch to an existing schema.


            Commands marked with (*) are currently unavailable.
            """;

    @Test
    void theListingGoesInTheOrderOfASession() {
        assertThat(HelpLayout.layout(new AttributedString(LISTING), true, 0).toString()).isEqualTo("""
                AVAILABLE COMMANDS

                Session
                       connect: Connect to a platform.
                       status: Show the connection.
                       script: Replay a .bbx file.
                       disconnect: Close the connection.

                Data
                       * use: Switch to an existing schema.
                       * load: Load data.

                Benchmark
                       run: TPC-H or TPC-DS power run.
                       compare: Compare results files.
                       cost: What it cost.

                Built-In Commands
                       help: Display help about available commands

                Commands marked with (*) are currently unavailable.
                """);
    }

    /** Found trying it: at 160 columns descriptions broke mid-word ("parq" / "uet"). */
    @Test
    void longLinesWrapAtASpaceUnderTheirText() {
        String line = "       load: Load data: load tpch|tpcds --scale SF generates TPC-H or TPC-DS; load --source DIR reads .parquet files.";
        String under = "\n" + " ".repeat("       load: ".length());
        assertThat(HelpLayout.layout(new AttributedString(line), false, 60).toString()).isEqualTo(
                "       load: Load data: load tpch|tpcds --scale SF generates" + under + "TPC-H or TPC-DS; load --source DIR reads"
                        + under + ".parquet files.");
        assertThat(HelpLayout.layout(new AttributedString(line), false, 0).toString()).isEqualTo(line);
    }

    @Test
    void everyCommandOfTheShellHasItsPlaceInTheFlow() {
        // a new command lands at the end of its group until it is given a place: this lists the ones there are
        assertThat(HelpLayout.FLOW).contains("connect", "load", "query", "run", "compare", "report", "session start");
    }
}
