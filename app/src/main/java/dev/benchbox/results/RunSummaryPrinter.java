package dev.benchbox.results;

import dev.benchbox.dataset.Scale;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Prints a benchmark run for people: one line per measured query, then the summary. */
public final class RunSummaryPrinter {
    /** What a run through a session can say of Spark's work per query, and what not. */
    public static final String SESSION_FIGURES = "rows read per query from Spark Connect's plan metrics; Spark's planning "
            + "phases, bytes read, shuffles and spills are not reported through a session";

    private final PrintWriter out;
    /** A benchmark's title by its name ({@code TPC-DS} for {@code tpcds}), from the benchmarks' registry above results. */
    private final Function<String, String> titles;

    public RunSummaryPrinter(Writer out, Function<String, String> titles) {
        this.out = out instanceof PrintWriter printWriter ? printWriter : new PrintWriter(out);
        this.titles = java.util.Objects.requireNonNull(titles, "titles is null");
    }

    /**
     * One line for one measured execution, e.g. {@code Q1   iteration 1     12.3 ms        4 rows  validated (exact)}
     * or {@code ... not validated: } and why.
     */
    public void query(QueryResult result) {
        StringBuilder line = new StringBuilder(result.stream() == null ? "" : String.format(Locale.ROOT, "S%-2d ", result.stream()));
        line.append(String.format(Locale.ROOT, "%-4s iteration %d %10.1f ms %8d %-4s  %s",
                result.id(), result.iteration(), result.ms(), result.rows(), result.rows() == 1 ? "row" : "rows", outcome(result)));
        if (result.message() != null) {
            line.append(": ").append(result.message());
        }
        line.append(phases(result));
        out.println(line);
        out.flush();
    }

    /**
     * Where Spark's time went and what it read, when the platform reported them, kept short so the line stays within
     * a terminal's 120 columns: {@code  [plan 70, exec 180.5 ms; read 60.2k rows]} (the planning phases one by one,
     * bytes read, shuffles and spills are in the results file and {@code run --details}' table).
     */
    static String phases(QueryResult result) {
        List<String> parts = new ArrayList<>();
        if (!result.phasesMs().isEmpty()) {
            long planning = planningMs(result);
            parts.add(String.format(Locale.ROOT, "plan %d, exec %.1f ms", planning, Math.max(0, result.ms() - planning)));
        }
        String read = SparkMetrics.readSummary(result.metrics());
        if (!read.isEmpty()) {
            parts.add(read);
        }
        return parts.isEmpty() ? "" : "  [" + String.join("; ", parts) + "]";
    }

    private static long planningMs(QueryResult result) {
        return result.phasesMs().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * {@code run --details}: per query, medians over the measured executions of Spark's planning and execution time and
     * of what its tasks read, shuffled and spilled; {@code -} where the platform did not report a figure. Nothing when
     * no query has any.
     */
    public void details(RunResult result) {
        Map<String, List<QueryResult>> byQuery = new LinkedHashMap<>();
        for (QueryResult query : result.queries()) {
            if (!QueryResult.ERROR.equals(query.status())) {
                byQuery.computeIfAbsent((query.stream() == null ? "" : "S" + query.stream() + " ") + query.id(), id -> new ArrayList<>())
                        .add(query);
            }
        }
        boolean any = byQuery.values().stream().flatMap(List::stream)
                .anyMatch(q -> !q.phasesMs().isEmpty() || !q.metrics().isEmpty());
        if (!any) {
            out.println("No Spark figures per query: " + result.platform().name() + " did not report them");
            out.flush();
            return;
        }
        if (result.timingMethod() == TimingMethod.SESSION) {
            out.println("Through a session: " + SESSION_FIGURES + " (-)");
        }
        out.println("Inside Spark per query, medians over the measured executions (bytes in binary units, as Spark's UI):");
        out.println(String.format(Locale.ROOT, "%-7s %9s %10s %9s %10s %9s %10s %10s %10s", "query", "plan ms", "exec ms",
                "rows read", "read", "shuffled", "shuf write", "shuf read", "spilled"));
        for (Map.Entry<String, List<QueryResult>> entry : byQuery.entrySet()) {
            List<QueryResult> runs = entry.getValue();
            boolean phased = runs.stream().noneMatch(q -> q.phasesMs().isEmpty());
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-7s %9s %10s", entry.getKey(),
                    phased ? String.format(Locale.ROOT, "%.1f", median(runs.stream().mapToDouble(RunSummaryPrinter::planningMs))) : "-",
                    phased ? String.format(Locale.ROOT, "%.1f", median(runs.stream().mapToDouble(q -> Math.max(0, q.ms() - planningMs(q)))))
                            : "-"));
            int[] widths = {9, 10, 9, 10, 10, 10};
            for (int i = 0; i < SparkMetrics.NAMES.size(); i++) {
                String name = SparkMetrics.NAMES.get(i);
                boolean known = runs.stream().allMatch(q -> q.metrics().containsKey(name));
                line.append(' ').append(String.format(Locale.ROOT, "%" + widths[i] + "s", known
                        ? SparkMetrics.format(name, median(runs.stream().mapToDouble(q -> q.metrics().get(name)))) : "-"));
            }
            out.println(line);
        }
        out.flush();
    }

    private static double median(java.util.stream.DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String outcome(QueryResult result) {
        return switch (result.status()) {
            case QueryResult.VALIDATED -> "validated (" + switch (String.valueOf(result.validation())) {
                case "exact" -> "exact";
                case "cross" -> "cross: DuckDB";
                default -> "row count";
            } + ")";
            case QueryResult.UNVALIDATED -> "not validated";
            default -> result.status();
        };
    }

    /**
     * One job run in lines within a terminal's width: its times, with the overhead apart from the queries; where the time
     * went ({@link JobTimeSplit}), when the driver reported its milestones; what it used and cost.
     */
    static String jobLine(JobRunRecord job) {
        StringBuilder line = new StringBuilder("Job run ").append(job.jobRunId()).append(' ').append(job.state());
        if (job.wallMs() != null) {
            line.append(String.format(Locale.ROOT, ": %.1f s submit to end", job.wallMs() / 1000.0));
            if (job.queuedMs() != null && job.timeSplit() == null) {
                line.append(String.format(Locale.ROOT, " (queued %.1f s)", job.queuedMs() / 1000.0));
            }
        }
        if (job.queriesInDriverMs() != null) {
            line.append(String.format(Locale.ROOT, ", queries %.1f s in the driver", job.queriesInDriverMs() / 1000.0));
        }
        if (job.overheadMs() != null) {
            line.append(String.format(Locale.ROOT, ", job overhead %.1f s", job.overheadMs() / 1000.0));
        }
        String newline = System.lineSeparator();
        if (job.timeSplit() != null) {
            line.append(newline).append("  ").append(job.timeSplit().describe());
        }
        line.append(newline).append(String.format(Locale.ROOT, "  billed %.3f vCPU-h, %.3f GB-h, %.3f storage GB-h = $%s (ran %.3f vCPU-h = $%s)",
                job.billed().vCpuHours(), job.billed().memoryGbHours(), job.billed().storageGbHours(),
                job.billedUsd().setScale(4, java.math.RoundingMode.HALF_UP).toPlainString(), job.total().vCpuHours(),
                job.totalUsd().setScale(4, java.math.RoundingMode.HALF_UP).toPlainString()));
        return line.toString();
    }

    /**
     * The per-query statistics: only worth a table when there was more than one execution per query (with one
     * iteration and no warm-up, min, median and max are the one time already printed).
     */
    private void statistics(RunResult result) {
        out.println(result.run().warmups() > 0
                ? "Per query over the measured iterations (cold: the first warm-up, not among them):"
                : "Per query over iterations 2.." + result.run().iterations() + " (cold: iteration 1, set apart):");
        out.println(String.format(Locale.ROOT, "%-5s %10s %10s %10s %10s %7s %3s", "query", "cold ms", "min ms", "median ms", "max ms",
                "CV", "n"));
        for (QueryStatistics stats : result.statistics()) {
            out.println(String.format(Locale.ROOT, "%-5s %10s %10.1f %10.1f %10.1f %7s %3d", stats.id(),
                    stats.coldMs() == null ? "-" : String.format(Locale.ROOT, "%.1f", stats.coldMs()), stats.minMs(),
                    stats.medianMs(), stats.maxMs(), percent(stats.cv()), stats.samples()));
        }
    }

    /** A coefficient of variation as a percentage, {@code -} when there is none (a single sample). */
    public static String percent(Double cv) {
        return cv == null ? "-" : String.format(Locale.ROOT, "%.1f%%", cv * 100);
    }


    public void summary(RunResult result, String resultFile) {
        RunResult.Summary summary = result.summary();
        out.println(String.format(Locale.ROOT, "%s SF%s on %s %s: %d query executions, %s",
                titles.apply(result.benchmark().name()), Scale.of(result.benchmark().scaleFactor()).text(), result.platform().name(),
                result.platform().version(), summary.queries(), result.outcomes().describe()));
        result.cancellation().ifPresent(c -> out.println("Incomplete: " + c.describe()
                + (c.billedUsd() == null ? "" : ", job runs billed " + dev.benchbox.cost.Usd.cost(c.billedUsd()))));
        out.println(String.format(Locale.ROOT, "Total %.1f ms, geometric mean %.2f ms", summary.totalMs(), summary.geometricMeanMs()));
        if (summary.powerAtSize() != null) {
            out.println(String.format(Locale.ROOT, "Power@Size %.2f (%s)", summary.powerAtSize(), summary.powerNote()));
        } else if (summary.powerTestSeconds() != null) {
            out.println(String.format(Locale.ROOT, "Power test %.3f s (%s)", summary.powerTestSeconds(), summary.powerNote()));
        } else {
            out.println(summary.powerNote());
        }
        if (summary.throughputAtSize() != null) {
            out.println(String.format(Locale.ROOT, "Throughput@Size %.2f (%s)", summary.throughputAtSize(), summary.throughputNote()));
        }
        if (result.run().iterations() > 1 || result.run().warmups() > 0) {
            statistics(result);
        }
        if (result.timingMethod() == TimingMethod.SESSION) {
            out.println("Through a session: " + SESSION_FIGURES);
        }
        for (JobRunRecord job : result.jobRuns()) {
            out.println(jobLine(job));
        }
        if (resultFile != null) {
            out.println("Results: " + resultFile);
        }
        out.flush();
    }
}
