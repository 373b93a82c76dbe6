package dev.benchbox.results.report;

import dev.benchbox.benchmark.Benchmarks;
import dev.benchbox.dataset.Scale;
import static dev.benchbox.results.compare.HtmlComparisonPrinter.escape;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.benchbox.BenchboxException;
import dev.benchbox.results.EngineConfiguration;
import dev.benchbox.results.JobRunRecord;
import dev.benchbox.results.JobTimeSplit;
import dev.benchbox.results.RunConfiguration;
import dev.benchbox.results.compare.Comparison;
import dev.benchbox.results.compare.HtmlComparisonPrinter;
import dev.benchbox.results.compare.NamedResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One self-contained HTML file: the configurations side by side, the comparison tables, per-query bar charts, a
 * stacked bar per query of Spark's planning and execution (for runs that recorded them), a time-vs-cost scatter with
 * the price-performance frontier marked, and the job runs with their queue, start-up
 * and query times. The charts are Chart.js 4.4.1 (MIT, from its WebJar) inlined into the file, so it opens
 * with no network.
 */
public final class ReportWriter {
    static final String CHART_JS = "/META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js";
    private static final String[] COLOURS = {"#0969da", "#cf222e", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#1b7c83",
            "#57606a"};

    private final ObjectMapper mapper = new ObjectMapper();

    public void write(List<NamedResult> runs, Comparison comparison, Writer out) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>BenchBox report</title>\n<style>\n"
                + HtmlComparisonPrinter.STYLE
                + "h2{margin-top:32px;border-bottom:1px solid #d0d7de;padding-bottom:4px}\n"
                + ".chart{position:relative;width:100%;max-width:1100px;height:380px}\n"
                + "p.note{color:#57606a;font-size:13px}\n"
                // many configurations make the comparison wider than the page: it scrolls, the page does not
                + "div.wide{overflow-x:auto;max-width:100%}\n</style>\n");
        out.write("<script>\n");
        out.write(chartJs());
        out.write("\n</script>\n</head><body>\n");
        RunConfiguration first = runs.get(0).result().configuration();
        out.write("<h1>BenchBox report: " + escape(benchmarkName(first.benchmark())) + " SF"
                + escape(Scale.of(first.scaleFactor()).text()) + ", " + runs.size() + " runs</h1>\n");

        out.write("<h2 id=\"configurations\">Configurations</h2>\n");
        out.write(configurations(runs));

        out.write("<h2 id=\"comparison\">Comparison</h2>\n");
        out.write("<div class=\"wide\">" + HtmlComparisonPrinter.tables(comparison) + "</div>\n");

        out.write("<h2 id=\"queries\">Query times</h2>\n<p class=\"note\">Median over the measured iterations, per query "
                + "and run.</p>\n<div class=\"chart\"><canvas id=\"chart-queries\" role=\"img\" aria-label=\"median time per query and run\"></canvas></div>\n");

        if (hasPhases(comparison)) {
            out.write("<h2 id=\"phases\">Inside Spark</h2>\n<p class=\"note\">Per query and run, the median time Spark spent "
                    + "planning (parsing, analysis, optimisation and physical planning; light) and executing (the rest; dark), "
                    + "for the runs that recorded them.</p>\n<div class=\"chart\"><canvas id=\"chart-phases\" role=\"img\" "
                    + "aria-label=\"median planning and execution time per query and run\"></canvas></div>\n");
        }

        List<Frontier.Point> points = new ArrayList<>();
        for (Comparison.RunColumn run : comparison.runs()) {
            if (run.billedUsd() != null && run.geometricMeanMs() != null) {
                points.add(new Frontier.Point(run.label(), run.geometricMeanMs(), run.billedUsd().doubleValue()));
            }
        }
        List<String> frontier = Frontier.of(points);
        out.write("<h2 id=\"cost\">Time and cost</h2>\n");
        if (points.isEmpty()) {
            out.write("<p class=\"note\">None of these runs has a billed cost (embedded platforms cost nothing per run), "
                    + "so there is no time-vs-cost chart.</p>\n");
        } else {
            out.write("<p class=\"note\">Geometric mean of the query times against what the run's job runs were billed. "
                    + "Marked (large, outlined): the price-performance frontier, the configurations no other one beats on both "
                    + "time and cost: " + escape(String.join(", ", frontier)) + ".</p>\n"
                    + "<div class=\"chart\"><canvas id=\"chart-cost\" role=\"img\" aria-label=\"time against cost\"></canvas></div>\n");
        }

        out.write("<h2 id=\"jobs\">Job runs</h2>\n");
        out.write(jobRuns(runs));

        out.write("<script type=\"application/json\" id=\"report-data\">");
        out.write(inert(mapper.writeValueAsString(data(runs, comparison, points, frontier))));
        out.write("</script>\n<script>\n");
        out.write(CHARTS);
        out.write("</script>\n</body></html>\n");
        out.flush();
    }

    /**
     * JSON that stays data inside a script element whatever its strings hold: a label with {@code </script>} would end
     * the element, one with {@code <!--} (then {@code <script>}) would keep the next end tag from ending it, and the
     * charts would silently not draw. {@code <}, {@code >} and {@code &} occur in JSON only inside strings, where
     * {@code \u003c} is the same character to JSON.parse.
     */
    static String inert(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    private static String benchmarkName(String name) {
        return Benchmarks.title(name);
    }

    /** One column per run, one row per setting: a row whose values differ is what the runs compare. */
    private static String configurations(List<NamedResult> runs) {
        Map<String, Function<RunConfiguration, String>> rows = new LinkedHashMap<>();
        rows.put("platform", c -> c.engine().platform());
        rows.put("version", c -> c.engine().version());
        rows.put("release label", c -> c.engine().releaseLabel());
        rows.put("architecture", c -> c.engine().architecture());
        rows.put("region", c -> c.engine().region());
        rows.put("driver", c -> text(c.engine().driver()));
        rows.put("executors", c -> text(c.engine().executors()));
        rows.put("pre-initialised driver", c -> text(c.engine().preInitializedDriver()));
        rows.put("pre-initialised executors", c -> text(c.engine().preInitializedExecutors()));
        Set<String> settings = new LinkedHashSet<>();
        runs.forEach(r -> settings.addAll(r.result().configuration().engine().settings().keySet()));
        for (String setting : settings) {
            rows.put(setting, c -> c.engine().settings().get(setting));
        }
        rows.put("benchmark", c -> benchmarkName(c.benchmark()) + " SF" + Scale.of(c.scaleFactor()).text());
        rows.put("queries", c -> c.queries().size() == 22 ? "all 22" : String.join(",", c.queries()));
        rows.put("warm-ups / iterations", c -> c.warmups() + " / " + c.iterations());
        rows.put("streams", c -> Integer.toString(c.streams()));
        rows.put("validation", RunConfiguration::validation);
        rows.put("shell version", RunConfiguration::shellVersion);

        StringBuilder html = new StringBuilder("<table class=\"configurations\"><thead><tr><th></th>");
        for (NamedResult run : runs) {
            html.append("<th>").append(escape(run.label())).append("</th>");
        }
        html.append("</tr></thead><tbody>\n");
        for (Map.Entry<String, Function<RunConfiguration, String>> row : rows.entrySet()) {
            List<String> values = runs.stream().map(r -> row.getValue().apply(r.result().configuration())).toList();
            if (values.stream().allMatch(v -> v == null)) {
                continue;
            }
            boolean differs = values.stream().distinct().count() > 1;
            html.append("<tr").append(differs ? " class=\"differs\" style=\"background:#fff8c5\"" : "").append("><th>")
                    .append(escape(row.getKey())).append("</th>");
            for (String value : values) {
                html.append("<td>").append(value == null ? "-" : escape(value)).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody></table>\n<p class=\"note\">Highlighted: what differs between the runs.</p>\n").toString();
    }

    private static String text(EngineConfiguration.Workers workers) {
        return workers == null ? null : workers.toString();
    }

    private static String jobRuns(List<NamedResult> runs) {
        boolean any = runs.stream().anyMatch(r -> !r.result().jobRuns().isEmpty());
        if (!any) {
            return "<p class=\"note\">No job runs: these runs ran in-process.</p>\n";
        }
        StringBuilder html = new StringBuilder("<p class=\"note\">Each power run is one job run, submitted to ended: waiting "
                + "(queued while the application was at its limit, then for the driver's worker), driver start (launch, the JVM, "
                + "Spark, the catalog), the queries (first submitted to last answered, results written between them) and teardown. "
                + "Waiting is on AWS's clock, the queries on the driver's; driver start and teardown span both, so a skew between "
                + "the two UTC clocks moves time between them, never the total. A job that did not report its milestones shows "
                + "start-up and teardown together (its wall time less its queue and the queries' time in the driver).</p>\n"
                + "<div class=\"chart\" style=\"height:" + Math.max(160, 60 + 40 * countJobs(runs)) + "px\">"
                + "<canvas id=\"chart-jobs\" role=\"img\" aria-label=\"job run times\"></canvas></div>\n"
                + "<table class=\"jobs\"><thead><tr><th>run</th><th>job run</th><th>state</th><th>waiting s (queued)</th>"
                + "<th>driver start s (Spark up)</th><th>queries s</th><th>teardown s</th><th>submit to end s</th><th>billed USD</th>"
                + "</tr></thead><tbody>\n");
        for (NamedResult run : runs) {
            for (JobRunRecord job : run.result().jobRuns()) {
                html.append("<tr><td>").append(escape(run.label())).append("</td><td>").append(escape(job.jobRunId()))
                        .append("</td><td>").append(escape(job.state())).append("</td>");
                JobTimeSplit split = job.timeSplit();
                if (split != null) {
                    html.append(secondsWith(split.waitingMs(), split.queuedMs())).append(secondsWith(split.driverStartMs(), split.sparkStartMs()))
                            .append(seconds((double) split.queriesMs())).append(seconds((double) split.teardownMs()));
                } else {
                    html.append(seconds(job.queuedMs() == null ? null : job.queuedMs().doubleValue()))
                            .append("<td class=\"n\" colspan=\"2\">").append(startup(job) == null ? "-"
                                    : String.format(Locale.ROOT, "%.1f", startup(job) / 1000) + " start-up and teardown")
                            .append("</td>").append(seconds(job.queriesInDriverMs()));
                }
                html.append(seconds(job.wallMs() == null ? null : job.wallMs().doubleValue()))
                        .append("<td class=\"n\">").append(job.billedUsd() == null ? "-" : escape(job.billedUsd().setScale(4, java.math.RoundingMode.HALF_UP).toPlainString()))
                        .append("</td></tr>\n");
            }
        }
        return html.append("</tbody></table>\n").toString();
    }

    private static int countJobs(List<NamedResult> runs) {
        return runs.stream().mapToInt(r -> r.result().jobRuns().size()).sum();
    }

    /** Start-up and teardown: the overhead outside the queue; null when the job's times are not all known. */
    private static Double startup(JobRunRecord job) {
        if (job.overheadMs() == null) {
            return null;
        }
        return Math.max(0, job.overheadMs() - (job.queuedMs() == null ? 0 : job.queuedMs()));
    }

    /** {@code 40.1 (0.0)}: a part with what it includes, when known. */
    private static String secondsWith(long ms, Long ofWhichMs) {
        return "<td class=\"n\">" + String.format(Locale.ROOT, "%.1f", ms / 1000.0)
                + (ofWhichMs == null ? "" : String.format(Locale.ROOT, " (%.1f)", ofWhichMs / 1000.0)) + "</td>";
    }

    private static String seconds(Double ms) {
        return "<td class=\"n\">" + (ms == null ? "-" : String.format(Locale.ROOT, "%.1f", ms / 1000)) + "</td>";
    }

    private ObjectNode data(List<NamedResult> runs, Comparison comparison, List<Frontier.Point> points, List<String> frontier) {
        ObjectNode data = mapper.createObjectNode();
        ArrayNode labels = data.putArray("queries");
        comparison.queries().forEach(q -> labels.add(q.id()));
        ArrayNode series = data.putArray("runs");
        for (int i = 0; i < comparison.runs().size(); i++) {
            ObjectNode run = series.addObject();
            run.put("label", comparison.runs().get(i).label());
            run.put("colour", COLOURS[i % COLOURS.length]);
            ArrayNode medians = run.putArray("medians");
            for (Comparison.QueryRow row : comparison.queries()) {
                Double median = row.cells().get(i).medianMs();
                if (median == null) {
                    medians.addNull();
                } else {
                    medians.add(median);
                }
            }
        }
        if (hasPhases(comparison)) {
            ArrayNode phases = data.putArray("phases");
            for (int i = 0; i < comparison.runs().size(); i++) {
                int index = i;
                if (comparison.queries().stream().noneMatch(row -> row.cells().get(index).phases() != null)) {
                    continue;
                }
                ObjectNode run = phases.addObject();
                run.put("label", comparison.runs().get(i).label());
                run.put("colour", COLOURS[i % COLOURS.length]);
                ArrayNode planning = run.putArray("planning");
                ArrayNode execution = run.putArray("execution");
                for (Comparison.QueryRow row : comparison.queries()) {
                    Comparison.Phases cell = row.cells().get(i).phases();
                    if (cell == null) {
                        planning.addNull();
                        execution.addNull();
                    } else {
                        planning.add(cell.planningMs());
                        execution.add(cell.executionMs());
                    }
                }
            }
        }
        ArrayNode cost = data.putArray("cost");
        for (Frontier.Point point : points) {
            int index = indexOf(comparison, point.label());
            cost.addObject().put("label", point.label()).put("usd", point.usd()).put("ms", point.ms())
                    .put("frontier", frontier.contains(point.label())).put("colour", COLOURS[index % COLOURS.length]);
        }
        ArrayNode jobs = data.putArray("jobs");
        for (NamedResult run : runs) {
            for (JobRunRecord job : run.result().jobRuns()) {
                ObjectNode j = jobs.addObject().put("label", run.label() + " " + job.jobRunId());
                JobTimeSplit split = job.timeSplit();
                if (split != null) {
                    j.put("waiting", split.waitingMs() / 1000.0).put("driver", split.driverStartMs() / 1000.0)
                            .put("queries", split.queriesMs() / 1000.0).put("teardown", split.teardownMs() / 1000.0).put("startup", 0);
                } else {
                    j.put("waiting", job.queuedMs() == null ? 0 : job.queuedMs() / 1000.0).put("driver", 0).put("teardown", 0);
                    Double startup = startup(job);
                    j.put("startup", startup == null ? 0 : startup / 1000.0);
                    j.put("queries", job.queriesInDriverMs() == null ? 0 : job.queriesInDriverMs() / 1000.0);
                }
            }
        }
        return data;
    }

    private static boolean hasPhases(Comparison comparison) {
        return comparison.queries().stream().flatMap(row -> row.cells().stream()).anyMatch(cell -> cell.phases() != null);
    }

    private static int indexOf(Comparison comparison, String label) {
        for (int i = 0; i < comparison.runs().size(); i++) {
            if (comparison.runs().get(i).label().equals(label)) {
                return i;
            }
        }
        return 0;
    }

    private static String chartJs() {
        try (InputStream in = ReportWriter.class.getResourceAsStream(CHART_JS)) {
            if (in == null) {
                throw new BenchboxException("Chart.js is missing from the classpath (" + CHART_JS + "): the build is incomplete");
            }
            // a "</script" inside the library would end the element early
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Draws the charts from the embedded data; no animation, so a screenshot shows them finished. */
    private static final String CHARTS = """
            (function () {
              const data = JSON.parse(document.getElementById('report-data').textContent);
              Chart.defaults.animation = false;
              Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
              new Chart(document.getElementById('chart-queries'), {
                type: 'bar',
                data: {
                  labels: data.queries,
                  datasets: data.runs.map(r => ({label: r.label, data: r.medians, backgroundColor: r.colour}))
                },
                options: {maintainAspectRatio: false, scales: {y: {title: {display: true, text: 'median ms'}, beginAtZero: true}}}
              });
              const phases = document.getElementById('chart-phases');
              if (phases) {
                // one stack per run: planning (the run's colour, faded) under execution
                new Chart(phases, {
                  type: 'bar',
                  data: {
                    labels: data.queries,
                    datasets: data.phases.flatMap(r => [
                      {label: r.label + ' planning', data: r.planning, backgroundColor: r.colour + '66', stack: r.label},
                      {label: r.label + ' execution', data: r.execution, backgroundColor: r.colour, stack: r.label}
                    ])
                  },
                  options: {maintainAspectRatio: false,
                    scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true, title: {display: true, text: 'median ms'}}}}
                });
              }
              const cost = document.getElementById('chart-cost');
              if (cost) {
                new Chart(cost, {
                  type: 'scatter',
                  data: {
                    datasets: data.cost.map(p => ({
                      label: p.label + (p.frontier ? ' (frontier)' : ''),
                      data: [{x: p.usd, y: p.ms}],
                      backgroundColor: p.colour,
                      borderColor: p.frontier ? '#000' : p.colour,
                      borderWidth: p.frontier ? 3 : 1,
                      pointRadius: p.frontier ? 11 : 6,
                      pointStyle: p.frontier ? 'rectRot' : 'circle'
                    }))
                  },
                  options: {maintainAspectRatio: false, scales: {
                    x: {title: {display: true, text: 'billed USD per run'}, beginAtZero: true},
                    y: {title: {display: true, text: 'geometric mean ms'}, beginAtZero: true}}}
                });
              }
              const jobs = document.getElementById('chart-jobs');
              if (jobs) {
                new Chart(jobs, {
                  type: 'bar',
                  data: {
                    labels: data.jobs.map(j => j.label),
                    datasets: [
                      {label: 'waiting', data: data.jobs.map(j => j.waiting), backgroundColor: '#8c959f'},
                      {label: 'driver start', data: data.jobs.map(j => j.driver), backgroundColor: '#d4a72c'},
                      {label: 'start-up and teardown (not split)', data: data.jobs.map(j => j.startup), backgroundColor: '#bf8700'},
                      {label: 'queries', data: data.jobs.map(j => j.queries), backgroundColor: '#0969da'},
                      {label: 'teardown', data: data.jobs.map(j => j.teardown), backgroundColor: '#fb8f44'}
                    ]
                  },
                  options: {indexAxis: 'y', maintainAspectRatio: false,
                    scales: {x: {stacked: true, title: {display: true, text: 'seconds'}}, y: {stacked: true}}}
                });
              }
            })();
            """;
}
