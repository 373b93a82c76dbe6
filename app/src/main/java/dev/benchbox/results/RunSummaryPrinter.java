package dev.benchbox.results;

import dev.benchbox.dataset.Scale;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;
import java.util.function.Function;

/** Prints a benchmark run for people: one line per measured query, then the summary. */
public final class RunSummaryPrinter {
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

    /** Spark's planning phases and what is left for execution, when the platform reported them: {@code  [plan 70 ms: ...]}. */
    static String phases(QueryResult result) {
        if (result.phasesMs().isEmpty()) {
            return "";
        }
        long planning = result.phasesMs().values().stream().mapToLong(Long::longValue).sum();
        return String.format(Locale.ROOT, "  [planning %d ms: %s; execution %.1f ms]", planning,
                result.phasesMs().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")),
                Math.max(0, result.ms() - planning));
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

    /** One job run: its times, with the overhead apart from the queries, and what it used and cost. */
    static String jobLine(JobRunRecord job) {
        StringBuilder line = new StringBuilder("Job run ").append(job.jobRunId()).append(' ').append(job.state());
        if (job.wallMs() != null) {
            line.append(String.format(Locale.ROOT, ": %.1f s submit to end", job.wallMs() / 1000.0));
            if (job.queuedMs() != null) {
                line.append(String.format(Locale.ROOT, " (queued %.1f s)", job.queuedMs() / 1000.0));
            }
        }
        if (job.queriesInDriverMs() != null) {
            line.append(String.format(Locale.ROOT, ", queries %.1f s in the driver", job.queriesInDriverMs() / 1000.0));
        }
        if (job.overheadMs() != null) {
            line.append(String.format(Locale.ROOT, ", job overhead %.1f s", job.overheadMs() / 1000.0));
        }
        line.append(String.format(Locale.ROOT, "; billed %.3f vCPU-h, %.3f GB-h, %.3f storage GB-h = $%s (ran %.3f vCPU-h = $%s)",
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
        for (JobRunRecord job : result.jobRuns()) {
            out.println(jobLine(job));
        }
        if (resultFile != null) {
            out.println("Results: " + resultFile);
        }
        out.flush();
    }
}
