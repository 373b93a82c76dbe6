package dev.benchbox.results;

import dev.benchbox.results.FullRunResult.Interval;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;

/** Prints a full run ({@code run tpch --full}) as it goes and its summary: tests, metrics, compliance. */
public final class FullRunPrinter {
    private final PrintWriter out;

    public FullRunPrinter(Writer out) {
        this.out = out instanceof PrintWriter printWriter ? printWriter : new PrintWriter(out);
    }

    public void phase(String phase) {
        out.println(Character.toUpperCase(phase.charAt(0)) + phase.substring(1) + ":");
        out.flush();
    }

    /** One timing interval: {@code   power    RF1 (set 1)        12.3 ms}. */
    public void interval(Interval interval) {
        String name = interval.set() == null ? interval.name() : interval.name() + " (set " + interval.set() + ")";
        out.println(String.format(Locale.ROOT, "  %-8s %-12s %10.1f ms%s", interval.stream(), name, interval.seconds() * 1000,
                interval.error() == null ? "" : "  error: " + interval.error()));
        out.flush();
    }

    public void summary(FullRunResult result, String file) {
        out.println(String.format(Locale.ROOT, "Qualification: %d of %d answers validated", result.qualification().validated(),
                result.qualification().queries()));
        out.println(String.format(Locale.ROOT, "Power test: %.3f s (RF1, %d queries in stream 0's order, RF2)",
                result.powerTest().seconds(), result.powerTest().intervals().size() - 2));
        out.println(String.format(Locale.ROOT, "Throughput test: %.3f s (%d query stream%s beside a refresh stream of %d RF1/RF2 pair%s)",
                result.throughputTest().seconds(), result.streams(), result.streams() == 1 ? "" : "s", result.streams(),
                result.streams() == 1 ? "" : "s"));
        if (result.metrics() == null) {
            out.println("Metrics not computed: timed executions failed (see the intervals above)");
        } else {
            for (Map.Entry<String, Double> metric : result.metrics().values().entrySet()) {
                out.println(String.format(Locale.ROOT, "%-16s %.2f", metric.getKey(), metric.getValue()));
            }
        }
        String seed = "seed " + result.seed() + ", " + result.streams() + " stream" + (result.streams() == 1 ? "" : "s");
        out.println(result.compliant()
                ? "Compliant (" + seed + "): qualification validated, both tests complete, at least the minimum streams"
                : "Not compliant (" + seed + "): " + String.join("; ", result.notCompliant()));
        out.println("Results saved to " + file);
        out.flush();
    }
}
