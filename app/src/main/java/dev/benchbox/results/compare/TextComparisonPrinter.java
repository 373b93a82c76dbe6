package dev.benchbox.results.compare;

import dev.benchbox.benchmark.Benchmarks;
import dev.benchbox.dataset.Scale;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A comparison for people: aligned tables for the terminal, or Markdown for a pull request or a wiki. */
final class TextComparisonPrinter implements ComparisonPrinter {
    private final boolean markdown;

    TextComparisonPrinter(boolean markdown) {
        this.markdown = markdown;
    }

    @Override
    public void print(Comparison comparison, Writer writer) {
        // labels come from file names: no control character of theirs reaches the terminal
        PrintWriter out = new PrintWriter(dev.benchbox.results.print.ControlCharacters.lines(writer));
        RunNames names = RunNames.of(comparison.runs());
        // the tables escape their cells; sentences name runs through these
        RunNames inText = markdown ? names.map(Markdown::inline) : names;
        out.println(intro(comparison, inText));
        if (names.numbered()) {
            blank(out);
            for (Comparison.RunColumn run : comparison.runs()) {
                String baseline = run.label().equals(comparison.baseline()) ? " (baseline)" : "";
                // what differs goes here, under the label, rather than in a column of the runs table that would be
                // as wide as a sweep's Spark settings
                out.println(markdown ? "- " + names.of(run.label()) + " " + Markdown.code(run.label()) + baseline + ": "
                        + Markdown.inline(run.differs())
                        : " " + names.of(run.label()) + "  " + run.label() + baseline + "\n" + " ".repeat(names.of(run.label()).length() + 3)
                                + run.differs());
            }
        }
        if (comparison.mismatch() != null) {
            blank(out);
            out.println("Compared with --force although " + (markdown ? Markdown.inline(comparison.mismatch()) : comparison.mismatch()) + ".");
        }
        if (comparison.timingNote() != null) {
            blank(out);
            out.println((markdown ? Markdown.inline(timing(comparison)) : timing(comparison)) + ".");
        }
        if (comparison.incomplete() != null) {
            blank(out);
            out.println("Note: " + (markdown ? Markdown.inline(comparison.incomplete()) : comparison.incomplete()) + ".");
        }
        blank(out);
        table(queries(comparison, names), out);
        if (hasPhases(comparison)) {
            blank(out);
            out.println("Inside Spark: median ms per query planning (plan: parsing to the physical plan) and executing (exec)");
            table(phases(comparison, names), out);
        }
        List<String> read = metricChanges(comparison, names::of);
        if (read != null) {
            blank(out);
            if (read.isEmpty()) {
                out.println("What Spark read and shuffled: as the baseline's for every query (within "
                        + Math.round(Comparer.METRIC_CHANGE * 100) + "%)");
            } else {
                out.println("What Spark read and shuffled, where it differs from the baseline's by more than "
                        + Math.round(Comparer.METRIC_CHANGE * 100) + "%:");
                read.forEach(line -> out.println((markdown ? "- " : "  ") + line));
            }
        }
        blank(out);
        table(runs(comparison, names), out);
        if (comparison.thresholdPct() != null) {
            blank(out);
            out.println(verdict(comparison, inText));
        }
        out.flush();
    }

    /** The introduction in one line, runs by their labels (for HTML, where the text wraps). */
    static String intro(Comparison c) {
        return intro(c, RunNames.labels(c.runs())).replace('\n', ' ');
    }

    /** Two lines of at most about 110 characters: what is compared, then how to read it. */
    private static String intro(Comparison c, RunNames names) {
        String name = Benchmarks.title(c.benchmark());
        return String.format(Locale.ROOT, "%s SF%s%s, %d runs, baseline %s: median ms per query over the warm iterations\n"
                + "and their coefficient of variation (CV); ~ = not beyond the noise (95%% intervals overlap, or q >= 0.1, or under %s ms)"
                + "%s",
                name, Scale.of(c.scaleFactor()).text(), sharedPlatform(c).map(p -> " on " + p).orElse(""), c.runs().size(),
                names.of(c.baseline()), number(c.minDifferenceMs() == null ? Comparer.MIN_DIFFERENCE_MS : c.minDifferenceMs()),
                (c.noiseFloor() == null ? "" : "\nand a change must exceed the A/A noise floor in " + c.noiseFloor())
                        + (c.tooFewIterations() == null ? "" : "\n? = " + c.tooFewIterations()));
    }

    /**
     * The platform and version every run shares, named once in the introduction; when they differ, each run's
     * "what differs" names its own.
     */
    private static Optional<String> sharedPlatform(Comparison c) {
        List<String> platforms = c.runs().stream().map(run -> run.platform() + " " + run.version()).distinct().toList();
        return platforms.size() == 1 ? Optional.of(platforms.get(0)) : Optional.empty();
    }

    /** The timing note as a sentence: mixed timing says it was allowed. */
    static String timing(Comparison c) {
        String note = c.timingNote();
        return note.startsWith("timed differently") ? "Compared with --allow-mixed-timing although " + note : "Note: " + note;
    }

    /** The regression gate's outcome in one line, runs by their labels. */
    static String verdict(Comparison c) {
        return verdict(c, RunNames.labels(c.runs()));
    }

    private static String verdict(Comparison c, RunNames names) {
        String threshold = number(c.thresholdPct()) + "%";
        if (c.regressions().isEmpty() && c.tooFewIterations() != null) {
            return "No judgement: " + c.tooFewIterations() + ".";
        }
        if (c.regressions().isEmpty()) {
            return "No regression beyond " + threshold + " (and beyond the measured noise).";
        }
        return "Regressions beyond " + threshold + ": " + c.regressions().stream()
                .map(r -> names.of(r.run()) + " " + r.query() + String.format(Locale.ROOT, " +%.1f%%", r.slowerPct())
                        + c.queries().stream().filter(row -> row.id().equals(r.query())).flatMap(row -> row.cells().stream())
                                .filter(cell -> cell.run().equals(r.run())).findFirst().map(TextComparisonPrinter::moved).orElse(""))
                .collect(Collectors.joining(", "));
    }

    /**
     * One row per query; per run its median with the CV beside it ({@code 1000.0 (2%)}, as benchstat prints
     * {@code value ± CV%}), and for each run but the baseline its ratio to the baseline with the change's mark
     * ({@code 1.50 REGRESSION}): two columns a run, so four runs fit a terminal.
     */
    private TextTable queries(Comparison c, RunNames names) {
        String base = names.of(c.baseline());
        List<String> header = new ArrayList<>(List.of("query"));
        List<Boolean> right = new ArrayList<>(List.of(false));
        List<Integer> cvWidths = new ArrayList<>();
        for (int i = 0; i < c.runs().size(); i++) {
            Comparison.RunColumn run = c.runs().get(i);
            String name = names.of(run.label());
            header.add(name + " ms (CV)");
            right.add(true);
            if (!run.label().equals(c.baseline())) {
                header.add(name + "/" + base);
                right.add(false);
            }
            int index = i;
            cvWidths.add(c.queries().stream().map(row -> row.cells().get(index))
                    .mapToInt(cell -> cell.medianMs() == null || cell.cv() == null ? 0 : cv(cell.cv(), 0).length()).max().orElse(0));
        }
        TextTable table = new TextTable(header, toArray(right));
        for (Comparison.QueryRow row : c.queries()) {
            List<String> cells = new ArrayList<>(List.of(row.id()));
            for (int i = 0; i < row.cells().size(); i++) {
                Comparison.Cell cell = row.cells().get(i);
                cells.add(cell.medianMs() == null ? null : ms(cell.medianMs()) + cv(cell.cv(), cvWidths.get(i)));
                if (!cell.run().equals(c.baseline())) {
                    cells.add(versus(cell.ratio(), cell.change()) + moved(cell));
                }
            }
            table.add(cells);
        }
        List<String> geomean = new ArrayList<>(List.of(Comparer.GEOMEAN));
        for (int i = 0; i < c.runs().size(); i++) {
            Comparison.RunColumn run = c.runs().get(i);
            geomean.add(run.geometricMeanMs() == null ? null : ms(run.geometricMeanMs()) + cv(null, cvWidths.get(i)));
            if (!run.label().equals(c.baseline())) {
                geomean.add(versus(run.ratio(), run.change()));
            }
        }
        table.add(geomean);
        return table;
    }

    /**
     * One line per query and run whose task metrics differ from the baseline's ({@code Q6 2: rows read 60.2k -> 30.1k});
     * empty when all that could be compared is the same; null when no run beside the baseline has figures to compare.
     */
    static List<String> metricChanges(Comparison c, java.util.function.Function<String, String> name) {
        boolean compared = false;
        List<String> lines = new ArrayList<>();
        for (Comparison.QueryRow row : c.queries()) {
            for (Comparison.Cell cell : row.cells()) {
                if (cell.metricChanges() == null) {
                    continue;
                }
                compared = true;
                if (!cell.metricChanges().isEmpty()) {
                    lines.add(row.id() + " " + name.apply(cell.run()) + ": "
                            + cell.metricChanges().stream().map(Comparison.MetricChange::describe).collect(Collectors.joining(", ")));
                }
            }
        }
        return compared ? lines : null;
    }

    /** Whether some query of some run has Spark's phases: only then is there a phases table. */
    static boolean hasPhases(Comparison c) {
        return c.queries().stream().flatMap(row -> row.cells().stream()).anyMatch(cell -> cell.phases() != null);
    }

    /** {@code  (execution +410 ms)} after a change's mark when the phase that moved most is known; else nothing. */
    static String moved(Comparison.Cell cell) {
        return cell.moved() == null ? "" : " (" + cell.moved().describe() + ")";
    }

    /** Per query, each run's median planning and execution time ({@code -} for a run without phases). */
    private TextTable phases(Comparison c, RunNames names) {
        List<String> header = new ArrayList<>(List.of("query"));
        List<Boolean> right = new ArrayList<>(List.of(false));
        for (Comparison.RunColumn run : c.runs()) {
            // short words: four runs' eight columns must fit a terminal as the queries table does
            header.add(names.of(run.label()) + " plan");
            header.add(names.of(run.label()) + " exec");
            right.add(true);
            right.add(true);
        }
        TextTable table = new TextTable(header, toArray(right));
        for (Comparison.QueryRow row : c.queries()) {
            List<String> cells = new ArrayList<>(List.of(row.id()));
            for (Comparison.Cell cell : row.cells()) {
                cells.add(cell.phases() == null ? "-" : ms(cell.phases().planningMs()));
                cells.add(cell.phases() == null ? "-" : ms(cell.phases().executionMs()));
            }
            table.add(cells);
        }
        return table;
    }

    private static String ms(double ms) {
        return String.format(Locale.ROOT, "%.1f", ms);
    }

    /**
     * {@code " (2%)"} padded on the right to the column's widest, so the medians stay aligned on their last digit;
     * blanks where there is no CV (one iteration, or the geometric mean).
     */
    private static String cv(Double cv, int width) {
        // whole percent, as benchstat prints its ± CV: the JSON has the exact figure
        String text = cv == null ? "" : String.format(Locale.ROOT, " (%.0f%%)", cv * 100);
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    /** The ratio to the baseline and the change's mark: {@code 0.95 ~}, {@code 1.50 REGRESSION}, {@code missing}. */
    private static String versus(Double ratio, Change change) {
        return ratio == null ? change.mark() : ratio(ratio) + " " + change.mark();
    }

    /**
     * What sets the runs apart (unless the legend says it), and what they cost; the platform is in the introduction
     * when they share it.
     */
    private TextTable runs(Comparison c, RunNames names) {
        List<String> header = new ArrayList<>(List.of("run", "configuration (what differs)", "answers", "iterations", "speedup",
                "Power@Size", "billed USD", "Power@Size per USD"));
        List<Boolean> right = new ArrayList<>(List.of(false, false, false, true, true, true, true, true));
        if (names.numbered()) {
            header.remove(1);
            right.remove(1);
        }
        TextTable table = new TextTable(header, toArray(right));
        for (Comparison.RunColumn run : c.runs()) {
            List<String> cells = new ArrayList<>(List.of(names.of(run.label()), run.differs(), run.outcomes().brief(),
                    Integer.toString(run.iterations()),
                    run.label().equals(c.baseline()) ? "baseline" : run.speedup() == null ? "-"
                            : String.format(Locale.ROOT, "%.2fx", run.speedup()),
                    run.powerAtSize() == null ? "-" : String.format(Locale.ROOT, "%.2f", run.powerAtSize()),
                    run.billedUsd() == null ? "-" : run.billedUsd().setScale(4, RoundingMode.HALF_UP).toPlainString(),
                    run.powerPerUsd() == null ? "-" : String.format(Locale.ROOT, "%.2f", run.powerPerUsd())));
            if (names.numbered()) {
                cells.remove(1);
            }
            table.add(cells);
        }
        return table;
    }

    private void table(TextTable table, PrintWriter out) {
        if (markdown) {
            table.printMarkdown(out);
        } else {
            table.printAligned(out);
        }
    }

    private void blank(PrintWriter out) {
        out.println();
    }

    private static String ratio(Double ratio) {
        return ratio == null ? null : String.format(Locale.ROOT, "%.2f", ratio);
    }

    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static boolean[] toArray(List<Boolean> values) {
        boolean[] array = new boolean[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }
}
