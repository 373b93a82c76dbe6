package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.bench.PowerRunRequest;
import dev.benchbox.benchmark.Benchmark;
import dev.benchbox.benchmark.Benchmarks;
import dev.benchbox.bench.PowerRunService;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.DryRun;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.results.QueryResult;
import dev.benchbox.results.RunSummaryPrinter;
import dev.benchbox.dataset.Scale;
import dev.benchbox.session.CostService;
import dev.benchbox.session.Session;
import dev.benchbox.tpch.ValidationMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code run tpch|tpcds} on the connected platform, and the one-shot {@code run --platform ... --benchmark tpch|tpcds}. */
@ShellComponent
public class RunCommands {
    private final Session session;
    private final PowerRunService powerRuns;
    private final ConnectedAvailability availability;
    private final ProgressBars progressBars;
    private final PlatformFactory platforms;
    private final TableNameCache tableNames;
    private final Console console;
    private final CostService costs;
    private final ConnectionGuard guard;
    private final SweepCommand sweeps;
    private final ExitStatus exitStatus;

    public RunCommands(Session session, PowerRunService powerRuns, ConnectedAvailability availability,
            ProgressBars progressBars, PlatformFactory platforms, TableNameCache tableNames, Console console, CostService costs,
            ConnectionGuard guard, SweepCommand sweeps, ExitStatus exitStatus) {
        this.exitStatus = exitStatus;
        this.guard = guard;
        this.sweeps = sweeps;
        this.costs = costs;
        this.session = session;
        this.powerRuns = powerRuns;
        this.availability = availability;
        this.progressBars = progressBars;
        this.platforms = platforms;
        this.tableNames = tableNames;
        this.console = console;
    }

    /**
     * One command for both forms, because Spring Shell's parser takes an option value that equals a
     * sub-command name ({@code --benchmark tpch}) for that sub-command: {@code run tpch --scale 1} on the
     * connected platform, and the one-shot {@code run --platform duckdb --benchmark tpch --scale 0.01}.
     */
    @ShellMethod(key = "run", value = "TPC-H or TPC-DS power run: run tpch|tpcds --scale SF [--queries 1,3,6] [--warmup N] [--iterations N] "
            + "[--validate exact|rowcount|off]; with --platform it connects first (one-shot).", group = "Benchmark")
    public void run(
            @ShellOption(value = "--benchmark", defaultValue = ShellOption.NULL, valueProvider = ValueChoices.Benchmarks.class, help = "benchmark: tpch or tpcds") String benchmark,
            @ShellOption(value = "--scale", defaultValue = ShellOption.NULL, help = "scale factor, e.g. 0.01 or 1 (a dry run defaults to 0.01)") String scale,
            @ShellOption(value = "--queries", defaultValue = ShellOption.NULL, help = "queries to run, e.g. 1,3,6 or 1-5 (default: all)") String queries,
            @ShellOption(value = "--warmup", defaultValue = "0", help = "unmeasured rounds first") int warmup,
            @ShellOption(value = "--iterations", defaultValue = dev.benchbox.bench.PowerRunRequest.DEFAULT_ITERATIONS,
                    help = "measured rounds (default " + dev.benchbox.bench.PowerRunRequest.DEFAULT_ITERATIONS + ": what compare needs to judge noise)") int iterations,
            @ShellOption(value = "--validate", defaultValue = "exact", help = "exact, rowcount or off") String validate,
            @ShellOption(value = "--platform", defaultValue = ShellOption.NULL, valueProvider = ValueChoices.Platforms.class, help = "connect to this platform first: duckdb or emr-serverless") String platform,
            @ShellOption(value = "--path", defaultValue = ShellOption.NULL, help = "DuckDB database file, with --platform") String path,
            @ShellOption(value = "--platform-option", defaultValue = ShellOption.NULL, arity = Integer.MAX_VALUE,
                    help = "emr-serverless option key=value, repeatable (e.g. s3_staging_dir=s3://bucket/prefix/)") String[] platformOptions,
            @ShellOption(value = "--dry-run", defaultValue = ShellOption.NULL,
                    help = "emr-serverless: write every request, query and table definition to this directory; send nothing") String dryRun,
            @ShellOption(value = "--max-cost", defaultValue = ShellOption.NULL, help = "refuse to start when the estimate exceeds this many USD") String maxCost,
            @ShellOption(value = "--streams", defaultValue = "1", help = "concurrent query streams: more than 1 is a throughput test (emr-serverless)") int streams,
            @ShellOption(value = "--replace", defaultValue = "false", help = "with --dry-run: replace an earlier dry run in that directory (its files only)") boolean replace,
            @ShellOption(value = "--via", defaultValue = "job", help = "emr-serverless: job (one job run per stream, timed in the driver) "
                    + "or session (through the open interactive session, each query timed as a user waits for it)") String via,
            @ShellOption(value = "--sweep", defaultValue = ShellOption.NULL, arity = Integer.MAX_VALUE,
                    help = "run once per combination, repeatable: NAME=V1,V2 (e.g. executors=8x4vCPU-16GB,4x8vCPU-32GB, architecture=x86_64,arm64; duckdb: threads, memory_limit)") String[] sweep,
            @ShellOption(value = "--spark-conf", defaultValue = ShellOption.NULL, arity = Integer.MAX_VALUE, help = SparkConfs.HELP
                    + " (this run's job runs)") String[] sparkConfPairs,
            @ShellOption(value = "--force", defaultValue = "false", help = "generate the data even where this machine looks too small to hold it") boolean force) {
        // checked before anything connects or runs
        java.util.Map<String, String> sparkConf = dev.benchbox.platform.SparkSettings.parse(sparkConfPairs);
        if (benchmark == null) {
            throw new BenchboxException("name the benchmark: run tpch --scale SF or run tpcds --scale SF");
        }
        Benchmark chosen;
        try {
            chosen = Benchmarks.get(benchmark);
        } catch (IllegalArgumentException e) {
            throw new BenchboxException(e.getMessage());
        }
        if (path != null && platform == null) {
            throw new BenchboxException("--path goes with --platform duckdb");
        }
        if (platformOptions != null && platform == null) {
            throw new BenchboxException("--platform-option goes with --platform emr-serverless (a connected session has its options)");
        }
        if (scale == null) {
            if (dryRun == null) {
                throw new BenchboxException("missing --scale: run " + chosen.name() + " --scale SF (e.g. "
                        + examples(chosen.answeredScales().stream().map(Scale::text).toList()) + ")");
            }
            scale = "0.01";
        }
        // everything typed is checked before connecting or loading
        PowerRunRequest request = request(chosen, scale, queries, warmup, iterations, validate, streams).forced(force);
        if (via.equals("session")) {
            if (sweep != null || dryRun != null || streams > 1 || !sparkConf.isEmpty()) {
                throw new BenchboxException("--via session goes alone: not with --sweep, --dry-run, --streams or --spark-conf");
            }
            request = request.viaOpenSession();
        } else if (!via.equals("job")) {
            throw new BenchboxException("invalid --via '" + via + "': expected job or session");
        }
        dev.benchbox.bench.sweep.SweepSpec sweepSpec = sweep == null ? null : sweeps.check(sweep, platform, dryRun, maxCost);
        if (dryRun != null) {
            dryRun(request, platform, platformOptions, Path.of(dryRun), replace, sparkConf);
            return;
        }
        if (platform != null) {
            guard.beforeReplacing();
            Platform opened = platforms.open(platform, path, PlatformOptions.merge(java.util.Map.of(), platformOptions), null, false).platform();
            guard.replacing(); // the current connection is closed only once the new one is open
            session.connect(opened).forEach(console::warnNote);
            tableNames.invalidate();
            console.println("Connected to " + session.platform().description());
        } else if (!availability.check().isAvailable()) {
            throw new BenchboxException("not connected: run 'connect duckdb' first, or give --platform duckdb");
        }
        if (request.viaSession()) {
            // the open session has its own Spark settings
            costs.checkMaxCost(maxCost, chosen, request.scaleFactor(), request.warmups() + request.iterations());
            execute(request);
            return;
        }
        // the job runs (and their estimate) are tuned to the scale, with --spark-conf over it
        try (var work = SparkConfs.forWork(session.platform(), request.scaleFactor(), sparkConf)) {
            if (sweepSpec != null) {
                sweeps.run(request, sweepSpec, maxCost);
                tableNames.invalidate();
                return;
            }
            // each stream is a job run of its own
            costs.checkMaxCost(maxCost, chosen, request.scaleFactor(), (request.warmups() + request.iterations()) * request.streams());
            execute(request);
        }
    }

    /**
     * A previewed power run: connect (or preview the connection), create the database, register the tables and
     * write every query's SQL and the one job run's manifest and StartJobRun request, with no AWS call.
     */
    private void dryRun(PowerRunRequest request, String platform, String[] platformOptions, Path dir, boolean replace,
            java.util.Map<String, String> sparkConf) {
        Platform preview;
        if (platform != null) {
            preview = platforms.open(platform, null, PlatformOptions.merge(java.util.Map.of(), platformOptions), dir, replace).platform();
            if (preview.dryRun().isEmpty()) {
                preview.close();
                throw new BenchboxException("--dry-run is not offered by " + platform
                        + ": it previews the requests sent to AWS, so it goes with --platform emr-serverless");
            }
            session.connect(preview).forEach(console::warnNote);
            tableNames.invalidate();
        } else if (!availability.check().isAvailable()) {
            throw new BenchboxException("not connected: give --platform emr-serverless with its --platform-option values, or connect first");
        } else {
            preview = DryRuns.previews(session.platform()).preview(dir, replace);
        }
        DryRun dryRun = preview.dryRun().orElseThrow();
        String schema = platform != null ? preview.defaultSchema() : session.schema();
        preview.createSchema(schema);
        // the benchmark's load as the preview platform records it (TPC-DS on EMR: the generation job run's request)
        List<BatchQuery> batch = request.benchmark().statements(request.queries());
        try (var work = SparkConfs.forWork(preview, request.scaleFactor(), sparkConf)) {
            preview.load(schema, request.benchmark().dataSet(), Scale.of(request.scaleFactor()), List.of(), LoadProgress.NONE);
            dryRun.previewRun(schema, batch, request.warmups(), request.iterations(), PowerRunService.MAX_ROWS_KEPT);
        }
        console.println("Previewed " + request.benchmark().title() + " SF" + Scale.of(request.scaleFactor()).text() + " on " + preview.description());
        console.println(DryRuns.summary(dryRun, 0) + " (requests as NN-Operation[-detail].json, queries/*.sql, tables/*.sql, uploads.json)");
    }

    private static PowerRunRequest request(Benchmark benchmark, String scale, String queries, int warmup, int iterations,
            String validate, int streams) {
        double scaleFactor = benchmark.parseScale(scale);
        List<Integer> selected = queries == null ? benchmark.queries() : benchmark.parseQueries(queries);
        return new PowerRunRequest(scaleFactor, selected, warmup, iterations, ValidationMode.parse(validate), streams, benchmark);
    }

    private void execute(PowerRunRequest request) {
        RunSummaryPrinter printer = new RunSummaryPrinter(console.writer(), dev.benchbox.benchmark.Benchmarks::title);
        PowerRunService.Report report;
        try (LoadProgress progress = progressBars.create()) {
            report = powerRuns.run(request, progress, new PowerRunService.Listener() {
                @Override
                public void loading(double scaleFactor) {
                    console.println("Schema " + session.schema() + " does not hold " + request.benchmark().title() + " SF"
                            + Scale.of(scaleFactor).text()
                            + " yet: generating and loading it");
                }

                @Override
                public void executed(QueryExecution execution) {
                    if (execution.warmup()) {
                        console.println(String.format(Locale.ROOT, "%-4s warm-up     %10.1f ms%s", execution.queryId(),
                                execution.elapsedMillis(), execution.failed() ? "  error: " + execution.error() : ""));
                    }
                }

                @Override
                public void validated(QueryResult result) {
                    printer.query(result);
                }
            });
        }
        tableNames.invalidate();
        printer.summary(report.result(), relative(report.file()));
        int bad = report.result().summary().failed() + report.result().summary().errors();
        if (bad > 0) {
            throw new BenchboxException("run finished with " + bad + " failed query execution(s); results saved to "
                    + relative(report.file()));
        }
        if (!report.result().outcomes().allValidated()) {
            exitStatus.ranUnvalidated();
        }
    }

    /** {@code 0.01, 0.1, 1, 10 or 100}. */
    static String examples(List<String> scales) {
        return scales.size() < 2 ? String.join("", scales)
                : String.join(", ", scales.subList(0, scales.size() - 1)) + " or " + scales.get(scales.size() - 1);
    }

    private static String relative(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
    }

}
