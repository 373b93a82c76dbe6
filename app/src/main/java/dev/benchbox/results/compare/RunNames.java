package dev.benchbox.results.compare;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the runs are called in the printed (terminal and Markdown) comparison: the one place that decides. A run's
 * label is its results file's name, and a sweep's are long ({@code architecture-x86_64_executors-8x4vCPU-16GB}):
 * in column headers, each run's four columns would make a 2 x 2 sweep's table hundreds of characters wide. So when
 * every label is short ({@value #MAX_LABEL} characters at most, like {@code before} and {@code after}) the tables
 * use the labels; otherwise they number the runs {@code #1..#N} in the order given, and a legend lists each
 * number's label. JSON and HTML keep the labels.
 */
record RunNames(Map<String, String> byLabel, boolean numbered) {
    /** Longest label a table column is headed with; beyond it, runs are numbered. */
    static final int MAX_LABEL = 12;

    static RunNames of(List<Comparison.RunColumn> runs) {
        boolean numbered = runs.stream().anyMatch(run -> run.label().length() > MAX_LABEL);
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            String label = runs.get(i).label();
            names.put(label, numbered ? "#" + (i + 1) : label);
        }
        return new RunNames(names, numbered);
    }

    /** The labels themselves, for outputs that have room for them. */
    static RunNames labels(List<Comparison.RunColumn> runs) {
        Map<String, String> names = new LinkedHashMap<>();
        runs.forEach(run -> names.put(run.label(), run.label()));
        return new RunNames(names, false);
    }

    /** The same names, each passed through {@code how} (e.g. escaped for Markdown). */
    RunNames map(java.util.function.UnaryOperator<String> how) {
        Map<String, String> mapped = new LinkedHashMap<>();
        byLabel.forEach((label, name) -> mapped.put(label, how.apply(name)));
        return new RunNames(mapped, numbered);
    }

    String of(String label) {
        return byLabel.getOrDefault(label, label);
    }
}
