package dev.benchbox.results;

import dev.benchbox.results.FullRunResult.CrossCheck;
import dev.benchbox.results.FullRunResult.CrossCheckedAnswer;
import dev.benchbox.results.FullRunResult.Interval;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

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

    /**
     * One query text's outcome in the cross-check:
     * {@code   Q14  cross-checked  streams power, 1, 2: 1 row matches DuckDB's answer}.
     */
    public void crossChecked(List<CrossCheckedAnswer> answers) {
        if (answers.isEmpty()) {
            return;
        }
        CrossCheckedAnswer first = answers.get(0);
        out.println(String.format(Locale.ROOT, "  %-4s %-14s %s %s: %s", first.query(), first.status(),
                answers.size() == 1 ? "stream" : "streams", streams(answers), first.message()));
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
        streamRuns(result.streamRuns());
        if (result.metrics() == null) {
            out.println("Metrics not computed: timed executions failed (see the intervals above)");
        } else {
            for (Map.Entry<String, Double> metric : result.metrics().values().entrySet()) {
                out.println(String.format(Locale.ROOT, "%-16s %.2f", metric.getKey(), metric.getValue()));
            }
        }
        crossCheckSummary(result.crossCheck());
        String seed = "seed " + result.seed() + ", " + result.streams() + " stream" + (result.streams() == 1 ? "" : "s");
        out.println(result.compliant()
                ? "Compliant (" + seed + "): qualification validated, both tests complete, at least the minimum streams"
                : "Not compliant (" + seed + "): " + String.join("; ", result.notCompliant()));
        out.println("Results saved to " + file);
        out.flush();
    }

    /**
     * Where streams were runs of their own: how many, the limit on them, and which waited, e.g.
     * {@code Job runs: 1 for the power test, 3 side by side for the throughput test (at most 15 at once: ...); its time
     * includes their start-up} and {@code Queued: stream 2 12.3 s (job run 00f...)} or {@code No stream queued}.
     */
    private void streamRuns(FullRunResult.StreamRuns runs) {
        if (runs == null) {
            return;
        }
        long power = runs.runs().stream().filter(r -> r.test().equals("power")).count();
        long throughput = runs.runs().size() - power;
        String limit = runs.maxConcurrent() == null ? runs.limit()
                : "at most " + runs.maxConcurrent() + " at once: " + runs.limit();
        out.println(String.format(Locale.ROOT, "%ss: %d for the power test, %d side by side for the throughput test (%s); "
                + "the throughput time includes their start-up", capitalised(runs.unit()), power, throughput, limit));
        List<FullRunResult.StreamRun> queued = runs.queued();
        if (queued.isEmpty()) {
            out.println("No stream queued: every " + runs.unit() + " started without waiting for a free slot"
                    + (runs.runs().stream().anyMatch(r -> r.queuedSeconds() == null) ? " (as far as reported)" : ""));
        } else {
            out.println("Queued: " + queued.stream().map(r -> String.format(Locale.ROOT, "%s %.1f s (%s %s)",
                    r.stream().equals("power") || r.stream().equals("refresh") ? r.stream() + " stream" : "stream " + r.stream(),
                    r.queuedSeconds(), runs.unit(), r.runId())).collect(Collectors.joining(", ")));
        }
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** What of the performance tests' answers was checked, and what was not. */
    private void crossCheckSummary(CrossCheck check) {
        if (check == null) {
            out.println("Performance tests' answers: not checked (their random parameters have no reference answers)");
            return;
        }
        int answers = check.answers().size();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Cross-check: %d of %d performance-test answers "
                + "equal DuckDB's on the same data (%d distinct query text%s, run again untimed once the data was back as "
                + "loaded)", check.crossChecked(), answers, check.texts(), check.texts() == 1 ? "" : "s"));
        for (String status : List.of(CrossCheckedAnswer.DIFFERS, CrossCheckedAnswer.ERROR, CrossCheckedAnswer.NOT_CHECKED)) {
            List<CrossCheckedAnswer> some = check.answers().stream().filter(a -> a.status().equals(status)).toList();
            if (!some.isEmpty()) {
                line.append("; ").append(some.size()).append(' ').append(status).append(": ").append(queries(some));
            }
        }
        out.println(line);
        if (check.incomplete() != null) {
            out.println("Cross-check incomplete: " + check.incomplete());
        }
        out.println("Not cross-checked: the answers the timed tests returned (taken while the refresh functions changed "
                + "the data, which no second engine can reproduce)");
    }

    /**
     * The one line a cross-check that did not pass ends the command with, e.g. {@code the cross-check found 3
     * performance-test answers differing from DuckDB's (Q6)}.
     */
    public static String crossCheckFailure(CrossCheck check) {
        List<String> parts = new ArrayList<>();
        List<CrossCheckedAnswer> differ = check.answers().stream()
                .filter(a -> a.status().equals(CrossCheckedAnswer.DIFFERS)).toList();
        if (!differ.isEmpty()) {
            parts.add(differ.size() + " performance-test answer" + (differ.size() == 1 ? "" : "s") + " differing from "
                    + "DuckDB's (" + queries(differ) + ")");
        }
        List<CrossCheckedAnswer> unchecked = check.answers().stream()
                .filter(a -> !a.status().equals(CrossCheckedAnswer.DIFFERS) && !a.status().equals(CrossCheckedAnswer.CROSS_CHECKED))
                .toList();
        if (!unchecked.isEmpty()) {
            parts.add(unchecked.size() + " not compared (" + queries(unchecked) + ")");
        }
        return (check.incomplete() == null ? "the cross-check found " : "the cross-check did not complete (" + check.incomplete()
                + "): ") + String.join(" and ", parts);
    }

    /** The queries, each once, in order of first appearance: {@code Q6, Q14}. */
    private static String queries(List<CrossCheckedAnswer> answers) {
        return answers.stream().map(CrossCheckedAnswer::query).distinct().collect(Collectors.joining(", "));
    }

    private static String streams(List<CrossCheckedAnswer> answers) {
        return answers.stream().map(CrossCheckedAnswer::stream).collect(Collectors.joining(", "));
    }
}
