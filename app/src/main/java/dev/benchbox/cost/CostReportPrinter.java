package dev.benchbox.cost;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the {@code cost} report: every job run of the session with its billed and its total resources and
 * dollars, then the session's totals, in aligned columns. Writes to a {@link Writer} it does not own (flushes,
 * never closes).
 *
 * <pre>
 * Job run           Name            State    Run time          vCPU-h   GB-h  Storage GB-h    Cost
 * 00f1abcd00000001  tpch sf1 power  SUCCESS    5m 00s  billed   1.333  5.333         0.000   $0.10
 *                                                      total    1.333  5.333         6.667   $0.10
 * Session           1 job run                  5m 00s  billed   ...
 * </pre>
 */
public final class CostReportPrinter {

    /** What an empty session prints: nothing ran on EMR Serverless, and local runs are free. */
    public static final String EMPTY = "No EMR Serverless job runs in this session (DuckDB runs cost nothing).";

    private static final String[] HEADER = {"Job run", "Name", "State", "Run time", "", "vCPU-h", "GB-h",
            "Storage GB-h", "Cost"};
    private static final boolean[] RIGHT = {false, false, false, true, false, true, true, true, true};

    private final PrintWriter out;

    public CostReportPrinter(Writer out) {
        requireNonNull(out, "out is null");
        this.out = out instanceof PrintWriter printWriter ? printWriter : new PrintWriter(out);
    }

    public void print(CostReport report) {
        requireNonNull(report, "report is null");
        if (report.isEmpty()) {
            out.println(EMPTY);
            out.flush();
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JobRunCost run : report.runs()) {
            JobRunUsage usage = run.usage();
            rows.add(row(usage.jobRunId(), usage.name(), usage.state(),
                    CostFormat.duration(Duration.ofSeconds(usage.totalExecutionDurationSeconds())),
                    "billed", usage.billed(), run.billed()));
            rows.add(row("", "", "", "", "total", usage.total(), run.total()));
        }
        int count = report.runs().size();
        rows.add(row("Session", count + (count == 1 ? " job run" : " job runs"), "",
                CostFormat.duration(Duration.ofSeconds(report.executionSeconds())),
                "billed", report.billedUtilization(), report.billedCost()));
        rows.add(row("", "", "", "", "total", report.totalUtilization(), report.totalCost()));
        printAligned(rows);

        out.println("Billed is what AWS charges: each worker at least 1 minute, storage only above "
                + BillingRules.FREE_STORAGE_GB_PER_WORKER + " GB per worker. Total is what ran.");
        String label = "Prices: ";
        for (Rates rates : report.ratesUsed()) {
            out.println(label + rates.describe());
            label = " ".repeat(label.length());
        }
        out.flush();
    }

    private static String[] row(String id, String name, String state, String runTime, String which,
            ResourceUtilization utilization, Cost cost) {
        return new String[] {id, name, state, runTime, which, CostFormat.hours(utilization.vCpuHours()),
                CostFormat.hours(utilization.memoryGbHours()), CostFormat.hours(utilization.storageGbHours()),
                Usd.cost(cost.total())};
    }

    private void printAligned(List<String[]> rows) {
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(widths[i] - row[i].length());
                line.append(RIGHT[i] ? pad + row[i] : row[i] + pad);
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
