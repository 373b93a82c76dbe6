package dev.benchbox.results.compare;

import dev.benchbox.results.RunSummaryPrinter;
import java.io.IOException;
import java.io.Writer;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The comparison as one self-contained HTML page (no script, no external resource): the tables of the text
 * formats, with changes coloured. {@code report} embeds the same tables beside its charts.
 */
public final class HtmlComparisonPrinter implements ComparisonPrinter {
    public static final String STYLE = """
            body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:24px;color:#1f2328}
            table{border-collapse:collapse;margin:12px 0;font-size:13px;max-width:100%}
            th,td{border:1px solid #d0d7de;padding:4px 8px;overflow-wrap:anywhere}
            th{background:#f6f8fa;text-align:left}
            td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap;overflow-wrap:normal}
            table.queries td:first-child,td.same,td.faster,td.slower,td.regression,td.missing,td.unjudged{white-space:nowrap;overflow-wrap:normal}
            .faster{color:#1a7f37}.slower{color:#9a6700}.regression{color:#cf222e;font-weight:bold}
            .moved{font-weight:normal;font-size:12px}
            """;

    @Override
    public void print(Comparison comparison, Writer out) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>BenchBox comparison</title><style>"
                + STYLE + "</style></head><body>\n");
        out.write("<h1>BenchBox comparison</h1>\n");
        out.write(tables(comparison));
        out.write("</body></html>\n");
        out.flush();
    }

    /** The introduction, the per-query table, the runs table and the regression verdict, as an HTML fragment. */
    public static String tables(Comparison c) {
        StringBuilder html = new StringBuilder();
        html.append("<p>").append(escape(TextComparisonPrinter.intro(c))).append("</p>\n");
        if (c.mismatch() != null) {
            html.append("<p>Compared with --force although ").append(escape(c.mismatch())).append(".</p>\n");
        }
        if (c.timingNote() != null) {
            html.append("<p class=\"timing\">").append(escape(TextComparisonPrinter.timing(c))).append(".</p>\n");
        }
        if (c.incomplete() != null) {
            html.append("<p class=\"timing\">Note: ").append(escape(c.incomplete())).append(".</p>\n");
        }
        html.append("<table class=\"queries\"><thead><tr><th>query</th>");
        for (Comparison.RunColumn run : c.runs()) {
            html.append("<th>").append(escape(run.label())).append(" ms</th><th>CV</th>");
            if (!run.label().equals(c.baseline())) {
                html.append("<th>").append(escape(run.label() + "/" + c.baseline())).append("</th><th>change</th>");
            }
        }
        html.append("</tr></thead><tbody>\n");
        for (Comparison.QueryRow row : c.queries()) {
            html.append("<tr><td>").append(escape(row.id())).append("</td>");
            for (Comparison.Cell cell : row.cells()) {
                html.append(number(cell.medianMs() == null ? null : String.format(Locale.ROOT, "%.1f", cell.medianMs())))
                        .append(number(cell.medianMs() == null ? null : RunSummaryPrinter.percent(cell.cv())));
                if (!cell.run().equals(c.baseline())) {
                    html.append(number(cell.ratio() == null ? null : String.format(Locale.ROOT, "%.2f", cell.ratio())))
                            .append(change(cell.change(), TextComparisonPrinter.moved(cell)));
                }
            }
            html.append("</tr>\n");
        }
        html.append("<tr><td>").append(Comparer.GEOMEAN).append("</td>");
        for (Comparison.RunColumn run : c.runs()) {
            html.append(number(run.geometricMeanMs() == null ? null : String.format(Locale.ROOT, "%.1f", run.geometricMeanMs())))
                    .append("<td></td>");
            if (!run.label().equals(c.baseline())) {
                html.append(number(run.ratio() == null ? null : String.format(Locale.ROOT, "%.2f", run.ratio())))
                        .append(change(run.change(), ""));
            }
        }
        html.append("</tr>\n</tbody></table>\n");
        if (TextComparisonPrinter.hasPhases(c)) {
            html.append("<p>Inside Spark: median planning (parsing to physical plan) and execution ms per query</p>\n")
                    .append("<table class=\"phases\"><thead><tr><th>query</th>");
            for (Comparison.RunColumn run : c.runs()) {
                html.append("<th>").append(escape(run.label())).append(" planning</th><th>").append(escape(run.label()))
                        .append(" execution</th>");
            }
            html.append("</tr></thead><tbody>\n");
            for (Comparison.QueryRow row : c.queries()) {
                html.append("<tr><td>").append(escape(row.id())).append("</td>");
                for (Comparison.Cell cell : row.cells()) {
                    html.append(number(cell.phases() == null ? null : String.format(Locale.ROOT, "%.1f", cell.phases().planningMs())))
                            .append(number(cell.phases() == null ? null : String.format(Locale.ROOT, "%.1f", cell.phases().executionMs())));
                }
                html.append("</tr>\n");
            }
            html.append("</tbody></table>\n");
        }

        java.util.List<String> read = TextComparisonPrinter.metricChanges(c, label -> label);
        if (read != null) {
            String within = Math.round(Comparer.METRIC_CHANGE * 100) + "%";
            if (read.isEmpty()) {
                html.append("<p>What Spark read and shuffled: as the baseline's for every query (within ").append(within).append(")</p>\n");
            } else {
                html.append("<p>What Spark read and shuffled, where it differs from the baseline's by more than ").append(within)
                        .append(":</p>\n<ul class=\"metrics\">\n");
                read.forEach(line -> html.append("<li>").append(escape(line)).append("</li>\n"));
                html.append("</ul>\n");
            }
        }

        html.append("<table class=\"runs\"><thead><tr><th>run</th><th>platform</th><th>configuration (what differs)</th><th>answers</th><th>iterations</th>"
                + "<th>speedup</th><th>Power@Size</th><th>billed USD</th><th>Power@Size per USD</th></tr></thead><tbody>\n");
        for (Comparison.RunColumn run : c.runs()) {
            html.append("<tr><td>").append(escape(run.label())).append("</td><td>").append(escape(run.platform() + " " + run.version()))
                    .append("</td><td>").append(escape(run.differs())).append("</td><td class=\"answers\">")
                    .append(escape(run.outcomes().brief())).append("</td>")
                    .append(number(Integer.toString(run.iterations())))
                    .append(number(run.label().equals(c.baseline()) ? "baseline"
                            : run.speedup() == null ? null : String.format(Locale.ROOT, "%.2fx", run.speedup())))
                    .append(number(run.powerAtSize() == null ? null : String.format(Locale.ROOT, "%.2f", run.powerAtSize())))
                    .append(number(run.billedUsd() == null ? null : run.billedUsd().setScale(4, RoundingMode.HALF_UP).toPlainString()))
                    .append(number(run.powerPerUsd() == null ? null : String.format(Locale.ROOT, "%.2f", run.powerPerUsd())))
                    .append("</tr>\n");
        }
        html.append("</tbody></table>\n");
        if (c.thresholdPct() != null) {
            html.append("<p class=\"verdict\">").append(escape(TextComparisonPrinter.verdict(c))).append("</p>\n");
        }
        return html.toString();
    }

    private static String number(String value) {
        return "<td class=\"n\">" + (value == null ? "-" : escape(value)) + "</td>";
    }

    /** The change's mark; the phase that moved on a line of its own, so the column stays narrow enough for four runs. */
    private static String change(Change change, String moved) {
        return "<td class=\"" + change.json() + "\">" + escape(change.mark())
                + (moved.isEmpty() ? "" : "<br><span class=\"moved\">" + escape(moved.strip()) + "</span>") + "</td>";
    }

    /** Text as HTML text or attribute value. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
