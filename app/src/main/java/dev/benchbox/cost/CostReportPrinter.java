package dev.benchbox.cost;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the {@code cost} report: every job run and every EMR interactive session since the shell started, each with
 * its billed and its total resources and dollars (job runs and sessions under headers of their own), then the totals
 * of all of them, in aligned columns. Writes to a {@link Writer} it does not own (flushes,
 * never closes).
 *
 * <pre>
 * Job run           Name            State    Run time          vCPU-h   GB-h  Storage GB-h    Cost
 * 00f1abcd00000001  tpch sf1 power  SUCCESS    5m 00s  billed   1.333  5.333         0.000   $0.10
 *                                                      total    1.333  5.333         6.667   $0.10
 * All               1 job run                  5m 00s  billed   ...
 * </pre>
 */
public final class CostReportPrinter {

    /** What an empty session prints: nothing ran on EMR Serverless, and local runs are free. */
    public static final String EMPTY = "Nothing has run on EMR Serverless since the shell started (DuckDB runs cost nothing).";

    private static final String[] HEADER = {"Job run", "Name", "State", "Run time", "", "vCPU-h", "GB-h",
            "Storage GB-h", "Cost"};
    /** EMR's interactive sessions: not job runs, so rows of their own under a header of their own. */
    private static final String[] SESSION_HEADER = {"EMR session", "Name", "State", "Up time", "", "vCPU-h", "GB-h",
            "Storage GB-h", "Cost"};
    private static final boolean[] RIGHT = {false, false, false, true, false, true, true, true, true};

    /** The kind of a ledger line that is an application's idle pre-initialised workers, not a job run. */
    public static final String IDLE_CAPACITY = "idle capacity";

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
        List<JobRunCost> jobRuns = report.runs().stream().filter(run -> !run.usage().isSession()).toList();
        List<JobRunCost> sessions = report.runs().stream().filter(run -> run.usage().isSession()).toList();
        if (!jobRuns.isEmpty()) {
            rows.add(HEADER);
            jobRuns.forEach(run -> addRows(rows, run));
        }
        if (!sessions.isEmpty()) {
            rows.add(SESSION_HEADER);
            sessions.forEach(run -> addRows(rows, run));
        }
        long idleLines = jobRuns.stream().filter(r -> r.usage().kind().equals(IDLE_CAPACITY)).count();
        long jobRunCount = jobRuns.size() - idleLines;
        List<String> counts = new ArrayList<>();
        if (jobRunCount > 0) {
            counts.add(jobRunCount + (jobRunCount == 1 ? " job run" : " job runs"));
        }
        if (!sessions.isEmpty()) {
            counts.add(sessions.size() + (sessions.size() == 1 ? " EMR session" : " EMR sessions"));
        }
        if (idleLines > 0) {
            counts.add("idle workers");
        }
        rows.add(row("All", String.join(", ", counts), "",
                CostFormat.duration(Duration.ofSeconds(report.executionSeconds())),
                "billed", report.billedUtilization(), report.billedCost()));
        rows.add(row("", "", "", "", "total", report.totalUtilization(), report.totalCost()));
        printAligned(rows);

        out.println("Billed is what AWS charges: each worker at least 1 minute, storage only above "
                + BillingRules.FREE_STORAGE_GB_PER_WORKER + " GB per worker. Total is what ran.");
        if (idleLines > 0) {
            out.println("Idle pre-initialised workers bill while their application is started, in no job run's figures: their line"
                    + " counts the time this shell had it started, to its auto-stop, less what job runs used.");
            if (jobRuns.stream().anyMatch(r -> r.usage().kind().equals(IDLE_CAPACITY) && r.usage().name().equals(WarmCapacity.SEEN_STARTED))) {
                out.println("An application this shell did not start counts from when the shell first saw it started, and only while"
                        + " connected: its idle time before or after that is unknown to the shell.");
            }
        }
        String label = "Prices: ";
        for (Rates rates : report.ratesUsed()) {
            out.println(label + rates.describe());
            label = " ".repeat(label.length());
        }
        List<JobRunCost> tagged = report.runs().stream().filter(r -> !r.usage().tags().isEmpty()).toList();
        if (!tagged.isEmpty()) {
            out.println("Tags to group the AWS bill by (cost allocation tags, once activated):");
            int width = tagged.stream().mapToInt(r -> r.usage().jobRunId().length()).max().orElse(0);
            for (JobRunCost run : tagged) {
                out.println("  " + run.usage().jobRunId() + " ".repeat(width - run.usage().jobRunId().length()) + "  "
                        + tags(run.usage().tags()));
            }
        }
        out.flush();
    }

    /** Tags as {@code key=value, key=value}, sorted by key. */
    public static String tags(java.util.Map<String, String> tags) {
        return new java.util.TreeMap<>(tags).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** The tags the connection puts on everything it creates, and where a run's own are recorded. */
    public void connectionTags(java.util.Map<String, String> tags) {
        if (!tags.isEmpty()) {
            out.println("This connection tags what it creates with " + tags(tags) + "; a run's job runs and session also carry "
                    + "benchbox:run-id (its results file's run id), benchbox:benchmark and benchbox:scale.");
            out.flush();
        }
    }

    private static void addRows(List<String[]> rows, JobRunCost run) {
        JobRunUsage usage = run.usage();
        rows.add(row(usage.jobRunId(), usage.name(), usage.state(),
                CostFormat.duration(Duration.ofSeconds(usage.totalExecutionDurationSeconds())),
                "billed", usage.billed(), run.billed()));
        rows.add(row("", "", "", "", "total", usage.total(), run.total()));
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
