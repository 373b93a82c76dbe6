package dev.benchbox.results.compare;

import dev.benchbox.results.RunSummaryPrinter;
import dev.benchbox.tpch.TpchSchema;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A comparison for people: aligned tables for the terminal, or Markdown for a pull request or a wiki. */
final class TextComparisonPrinter implements ComparisonPrinter {
    private final boolean markdown;

    TextComparisonPrinter(boolean markdown) {
        this.markdown = markdown;
    }

    @Override
    public void print(Comparison comparison, Writer writer) {
        PrintWriter out = new PrintWriter(writer);
        out.println(intro(comparison));
        if (comparison.mismatch() != null) {
            blank(out);
            out.println("Compared with --force although " + comparison.mismatch() + ".");
        }
        blank(out);
        table(queries(comparison), out);
        blank(out);
        table(runs(comparison), out);
        if (comparison.thresholdPct() != null) {
            blank(out);
            out.println(verdict(comparison));
        }
        out.flush();
    }

    static String intro(Comparison c) {
        String name = c.benchmark().equals("tpch") ? "TPC-H" : c.benchmark();
        return String.format(Locale.ROOT, "%s SF%s, %d runs, baseline %s: median ms per query over the measured iterations, "
                + "CV = their coefficient of variation; ~ = within %s standard deviations of the measured noise",
                name, TpchSchema.formatScale(c.scaleFactor()), c.runs().size(), c.baseline(), number(c.noiseSigmas()));
    }

    /** The regression gate's outcome in one line. */
    static String verdict(Comparison c) {
        String threshold = number(c.thresholdPct()) + "%";
        if (c.regressions().isEmpty()) {
            return "No regression beyond " + threshold + " (and beyond the measured noise).";
        }
        return "Regressions beyond " + threshold + ": " + c.regressions().stream()
                .map(r -> r.run() + " " + r.query() + String.format(Locale.ROOT, " +%.1f%%", r.slowerPct()))
                .collect(Collectors.joining(", "));
    }

    private TextTable queries(Comparison c) {
        List<String> header = new ArrayList<>(List.of("query"));
        List<Boolean> right = new ArrayList<>(List.of(false));
        for (Comparison.RunColumn run : c.runs()) {
            header.add(run.label() + " ms");
            header.add(run.label() + " CV");
            right.add(true);
            right.add(true);
            if (!run.label().equals(c.baseline())) {
                header.add(run.label() + "/" + c.baseline());
                header.add("change");
                right.add(true);
                right.add(false);
            }
        }
        TextTable table = new TextTable(header, toArray(right));
        for (Comparison.QueryRow row : c.queries()) {
            List<String> cells = new ArrayList<>(List.of(row.id()));
            for (Comparison.Cell cell : row.cells()) {
                cells.add(cell.medianMs() == null ? null : String.format(Locale.ROOT, "%.1f", cell.medianMs()));
                cells.add(cell.medianMs() == null ? null : RunSummaryPrinter.percent(cell.cv()));
                if (!cell.run().equals(c.baseline())) {
                    cells.add(ratio(cell.ratio()));
                    cells.add(cell.change().mark());
                }
            }
            table.add(cells);
        }
        List<String> geomean = new ArrayList<>(List.of(Comparer.GEOMEAN));
        for (Comparison.RunColumn run : c.runs()) {
            geomean.add(run.geometricMeanMs() == null ? null : String.format(Locale.ROOT, "%.1f", run.geometricMeanMs()));
            geomean.add("");
            if (!run.label().equals(c.baseline())) {
                geomean.add(ratio(run.ratio()));
                geomean.add(run.change().mark());
            }
        }
        table.add(geomean);
        return table;
    }

    private TextTable runs(Comparison c) {
        TextTable table = new TextTable(List.of("run", "platform", "configuration (what differs)", "iterations", "speedup", "Power@Size",
                "billed USD", "Power@Size per USD"), new boolean[] {false, false, false, true, true, true, true, true});
        for (Comparison.RunColumn run : c.runs()) {
            table.add(List.of(run.label(), run.platform() + " " + run.version(), run.differs(),
                    Integer.toString(run.iterations()),
                    run.label().equals(c.baseline()) ? "baseline" : run.speedup() == null ? "-"
                            : String.format(Locale.ROOT, "%.2fx", run.speedup()),
                    run.powerAtSize() == null ? "-" : String.format(Locale.ROOT, "%.2f", run.powerAtSize()),
                    run.billedUsd() == null ? "-" : run.billedUsd().setScale(4, RoundingMode.HALF_UP).toPlainString(),
                    run.powerPerUsd() == null ? "-" : String.format(Locale.ROOT, "%.2f", run.powerPerUsd())));
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
