package dev.benchbox.results;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;

/** Prints a benchmark run for people: one line per measured query, then the summary. */
public final class RunSummaryPrinter {
    private final PrintWriter out;

    public RunSummaryPrinter(Writer out) {
        this.out = out instanceof PrintWriter printWriter ? printWriter : new PrintWriter(out);
    }

    /** One line for one measured execution, e.g. {@code Q1   iteration 1     12.3 ms        4 rows  passed}. */
    public void query(QueryResult result) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-4s iteration %d %10.1f ms %8d rows  %s",
                result.id(), result.iteration(), result.ms(), result.rows(), result.status()));
        if (result.message() != null) {
            line.append(": ").append(result.message());
        }
        out.println(line);
        out.flush();
    }

    public void summary(RunResult result, String resultFile) {
        RunResult.Summary summary = result.summary();
        out.println(String.format(Locale.ROOT, "TPC-H SF%s on %s %s: %d query executions, %d passed, %d failed, %d errors",
                dev.benchbox.tpch.TpchSchema.formatScale(result.benchmark().scaleFactor()), result.platform().name(),
                result.platform().version(), summary.queries(), summary.passed(), summary.failed(), summary.errors()));
        out.println(String.format(Locale.ROOT, "Total %.1f ms, geometric mean %.2f ms", summary.totalMs(), summary.geometricMeanMs()));
        if (summary.powerAtSize() != null) {
            out.println(String.format(Locale.ROOT, "Power@Size %.2f (%s)", summary.powerAtSize(), summary.powerNote()));
        } else {
            out.println(summary.powerNote());
        }
        if (resultFile != null) {
            out.println("Results: " + resultFile);
        }
        out.flush();
    }
}
