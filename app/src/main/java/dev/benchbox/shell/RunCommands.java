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
    private final dev.benchbox.bench.FullRunService fullRuns;

    public RunCommands(Session session, PowerRunService powerRuns, ConnectedAvailability availability,
            ProgressBars progressBars, PlatformFactory platforms, TableNameCache tableNames, Console console, CostService costs,
            ConnectionGuard guard, SweepCommand sweeps, ExitStatus exitStatus, dev.benchbox.bench.FullRunService fullRuns) {
        this.fullRuns = fullRuns;
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
            + "[--validate exact|rowcount|cross|off] [--seed N]; run tpch --scale SF --full [--seed N] [--streams S] [--validate cross]: the "
            + "specification's power and throughput tests with refresh functions; with --platform it connects first (one-shot).", group = "Benchmark")
    public void run(
            @ShellOption(value = "--benchmark", defaultValue = ShellOption.NULL, valueProvider = ValueChoices.Benchmarks.class, help = "benchmark: tpch or tpcds") String benchmark,
            @ShellOption(value = "--scale", valueProvider = ValueChoices.Scales.class, defaultValue = ShellOption.NULL, help = "scale factor, e.g. 0.01 or 1 (a dry run defaults to 0.01)") String scale,
            @ShellOption(value = "--queries", defaultValue = ShellOption.NULL, help = "queries to run, e.g. 1,3,6 or 1-5 (default: all)") String queries,
            @ShellOption(value = "--warmup", defaultValue = "0", help = "unmeasured rounds first") int warmup,
            @ShellOption(value = "--iterations", defaultValue = dev.benchbox.bench.PowerRunRequest.DEFAULT_ITERATIONS,
                    help = "measured rounds (default " + dev.benchbox.bench.PowerRunRequest.DEFAULT_ITERATIONS + ": what compare needs to judge noise)") int iterations,
            @ShellOption(value = "--validate", valueProvider = ValueChoices.Validations.class, defaultValue = "exact",
                    help = "exact, rowcount, cross (against DuckDB on this machine's cached data) or off; with --full, cross also checks the "
                    + "performance tests' answers against DuckDB's once the data is back as loaded") String validate,
            @ShellOption(value = "--platform", defaultValue = ShellOption.NULL, valueProvider = ValueChoices.Platforms.class, help = "connect to this platform first: duckdb or emr-serverless") String platform,
            @ShellOption(value = "--path", valueProvider = PathCompletion.AnyFile.class, defaultValue = ShellOption.NULL, help = "DuckDB database file, with --platform") String path,
            @ShellOption(value = "--platform-option", valueProvider = ValueChoices.PlatformOptionKeys.class, defaultValue = ShellOption.NULL, arity = Integer.MAX_VALUE,
                    help = "emr-serverless option key=value, repeatable (e.g. s3_staging_dir=s3://bucket/prefix/)") String[] platformOptions,
            @ShellOption(value = "--dry-run", valueProvider = PathCompletion.Folder.class, defaultValue = ShellOption.NULL,
                    help = "emr-serverless: write every request, query and table definition to this directory; send nothing") String dryRun,
            @ShellOption(value = "--max-cost", defaultValue = ShellOption.NULL, help = "refuse to start when the estimate exceeds this many USD, and cancel the job runs (or the session's statement, terminating the session) once what they will be billed passes it") String maxCost,
            @ShellOption(value = "--streams", defaultValue = ShellOption.NULL, help = "concurrent query streams: more than 1 is a throughput test (emr-serverless); "
                    + "with --full the throughput test's query streams (default: the specification's minimum for the scale)") Integer streamsGiven,
            @ShellOption(value = "--full", defaultValue = "false", help = "TPC-H as the specification runs it: qualification, power test (RF1, "
                    + "22 queries, RF2), throughput test with a refresh stream; Power@Size, Throughput@Size, QphH@Size") boolean full,
            @ShellOption(value = "--seed", defaultValue = ShellOption.NULL, help = "seed of the query parameters as the TPC's qgen draws them "
                    + "(1 to 2147483646); with --full the default is the load's end time as mmddhhmmss") String seedText,
            @ShellOption(value = "--replace", defaultValue = "false", help = "with --dry-run: replace an earlier dry run in that directory (its files only)") boolean replace,
            @ShellOption(value = "--via", valueProvider = ValueChoices.Vias.class, defaultValue = "job", help = "emr-serverless: job (one job run per stream, timed in the driver) "
                    + "or session (through the open interactive session, each query timed as a user waits for it)") String via,
            @ShellOption(value = "--sweep", valueProvider = ValueChoices.SweepNames.class, defaultValue = ShellOption.NULL, arity = Integer.MAX_VALUE,
                    help = "run once per combination, repeatable: NAME=V1,V2 (e.g. executors=8x4vCPU-16GB,4x8vCPU-32GB, architecture=x86_64,arm64; duckdb: threads, memory_limit)") String[] sweep,
            @ShellOption(value = "--spark-conf", defaultValue = ShellOption.NULL, arity = Integer.MAX_VALUE, help = SparkConfs.HELP
                    + " (this run's job runs)") String[] sparkConfPairs,
            @ShellOption(value = "--force", defaultValue = "false", help = "generate the data even where this machine looks too small to hold it") boolean force,
            @ShellOption(value = "--details", defaultValue = "false", help = "after the queries, a table of what Spark reported per query: "
                    + "planning and execution time, rows and bytes read, shuffled and spilled") boolean details) {
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
        Long seed = parseSeed(seedText);
        if (seed != null && dryRun != null) {
            throw new BenchboxException("--seed goes without --dry-run: a preview shows the validation queries");
        }
        int streams = streamsGiven == null ? 1 : streamsGiven;
        if (details && (full || sweep != null || dryRun != null)) {
            throw new BenchboxException("--details goes with a power run: not with --full, --sweep or --dry-run");
        }
        if (full) {
            if (queries != null || warmup != 0 || iterations != Integer.parseInt(dev.benchbox.bench.PowerRunRequest.DEFAULT_ITERATIONS) || sweep != null || dryRun != null || !via.equals("job")
                    || !(validate.strip().equalsIgnoreCase("exact") || validate.strip().equalsIgnoreCase("cross")) || !sparkConf.isEmpty() || maxCost != null) {
                throw new BenchboxException("--full runs the specification's tests as defined: not with --queries, --warmup, "
                        + "--iterations, --validate other than cross, --sweep, --dry-run, --via, --spark-conf or --max-cost");
            }
            if (chosen.performanceTests().isEmpty()) {
                throw new BenchboxException("--full runs a benchmark's power and throughput tests with its data maintenance; "
                        + chosen.title() + " has no data maintenance in BenchBox");
            }
        }
        if (scale == null) {
            if (dryRun == null) {
                throw new BenchboxException("missing --scale: run " + chosen.name() + " --scale SF (e.g. "
                        + examples(chosen.answeredScales().stream().map(Scale::text).toList()) + ")");
            }
            scale = "0.01";
        }
        // everything typed is checked before connecting or loading
        PowerRunRequest request = request(chosen, scale, queries, warmup, iterations, validate, streams).forced(force).seeded(seed);
        dev.benchbox.bench.FullRunService.Request fullRequest = full
                ? new dev.benchbox.bench.FullRunService.Request(chosen, request.scaleFactor(), seed, streamsGiven, force,
                        request.validation() == ValidationMode.CROSS) : null;
        if (seed != null && !full) {
            PowerRunService.statements(request); // an unusable seed or a benchmark without seeded streams, in one line
        }
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
            powerRuns.checkCross(platform, request); // before connecting: DuckDB itself, or no cached data to check against
        }
        if (full && platform != null) {
            // refused before connecting: connecting may start remote work
            platforms.whyNoStreamConnections(platform).ifPresent(why -> {
                throw new BenchboxException("--full runs the refresh functions (inserts and deletes), which "
                        + platform + " does not offer: " + why);
            });
        }
        if (platform != null) {
            if (!guard.beforeReplacing()) {
                console.println(ConnectionGuard.kept(session.platform()));
                return;
            }
            dev.benchbox.platform.PlatformProvider.Connection opened = platforms.open(platform, path,
                    PlatformOptions.merge(java.util.Map.of(), platformOptions), null, false);
            guard.replacing(); // the current connection is closed only once the new one is open
            session.connect(opened.platform()).forEach(console::warnNote);
            tableNames.invalidate();
            // the same words as connect's
            console.println(ConnectionCommands.connectedMessage(opened, session.schema()));
        } else if (!availability.check().isAvailable()) {
            throw new BenchboxException("not connected: run 'connect duckdb' first, or give --platform duckdb");
        }
        if (fullRequest != null) {
            executeFull(fullRequest);
            return;
        }
        if (request.viaSession()) {
            // the open session has its own Spark settings
            costs.checkMaxCost(maxCost, chosen, request.scaleFactor(), request.warmups() + request.iterations());
            // the session bills from its start, idle included: passing the limit cancels the statement and terminates it
            try (var cap = costs.capWhileRunning(maxCost)) {
                execute(request, details);
            }
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
            // and the limit holds while they run: passing it cancels them
            try (var cap = costs.capWhileRunning(maxCost)) {
                execute(request, details);
            }
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

    private void execute(PowerRunRequest request, boolean details) {
        RunSummaryPrinter printer = new RunSummaryPrinter(console.writer(), dev.benchbox.benchmark.Benchmarks::title);
        PowerRunService.Report report;
        try (LoadProgress progress = progressBars.create()) {
            report = runKeepingCancelled(printer, request, progress, new PowerRunService.Listener() {
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

                @Override
                public void crossReference(String what) {
                    console.println("Computing DuckDB's answers on the cached " + what + " data to cross-check against");
                }
            });
        }
        tableNames.invalidate();
        if (details) {
            printer.details(report.result());
        }
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

    /** The run; cancelled (Ctrl-C, --max-cost), what finished is summed up and its file named before the one-line error. */
    private PowerRunService.Report runKeepingCancelled(RunSummaryPrinter printer, PowerRunRequest request, LoadProgress progress,
            PowerRunService.Listener listener) {
        try {
            return powerRuns.run(request, progress, listener);
        } catch (PowerRunService.Cancelled e) {
            tableNames.invalidate();
            printer.summary(e.report().result(), relative(e.report().file()));
            throw new BenchboxException(e.getMessage() + "; what finished is saved to " + relative(e.report().file())
                    + ", marked as cancelled", e);
        }
    }

    /** A whole number; its range is the benchmark's to check (its query generator's). */
    private static Long parseSeed(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new BenchboxException("invalid --seed '" + text + "': expected a whole number");
        }
    }

    private void executeFull(dev.benchbox.bench.FullRunService.Request request) {
        dev.benchbox.results.FullRunPrinter printer = new dev.benchbox.results.FullRunPrinter(console.writer());
        dev.benchbox.bench.FullRunService.Report report;
        try (LoadProgress progress = progressBars.create()) {
            report = fullRuns.run(request, progress, new dev.benchbox.bench.FullRunService.Listener() {
                @Override
                public void loading(double scaleFactor) {
                    console.println("Schema " + session.schema() + " does not hold " + request.benchmark().title() + " SF"
                            + Scale.of(scaleFactor).text() + " yet: generating and loading it");
                }

                @Override
                public void phase(String phase) {
                    printer.phase(phase);
                }

                @Override
                public void qualified(QueryResult result) {
                    if (!QueryResult.VALIDATED.equals(result.status())) {
                        console.println("  qualification " + result.id() + ": " + result.status()
                                + (result.message() == null ? "" : " (" + result.message() + ")"));
                    }
                }

                @Override
                public void interval(dev.benchbox.results.FullRunResult.Interval interval) {
                    printer.interval(interval);
                }

                @Override
                public void note(String line) {
                    console.println(line);
                }

                @Override
                public void crossReference(String what) {
                    console.println("Computing DuckDB's answers to the performance tests' queries on the cached " + what
                            + " data to cross-check against");
                }

                @Override
                public void crossChecked(List<dev.benchbox.results.FullRunResult.CrossCheckedAnswer> answers) {
                    printer.crossChecked(answers);
                }
            });
        }
        tableNames.invalidate();
        printer.summary(report.result(), relative(report.file()));
        long failed = java.util.stream.Stream.concat(report.result().powerTest().intervals().stream(),
                report.result().throughputTest().intervals().stream()).filter(i -> i.error() != null).count();
        if (failed > 0) {
            throw new BenchboxException("run finished with " + failed + " failed timed execution(s); results saved to "
                    + relative(report.file()));
        }
        dev.benchbox.results.FullRunResult.CrossCheck crossCheck = report.result().crossCheck();
        if (crossCheck != null && !crossCheck.passed()) {
            throw new BenchboxException(dev.benchbox.results.FullRunPrinter.crossCheckFailure(crossCheck) + "; results saved to "
                    + relative(report.file()));
        }
        if (!report.result().compliant()) {
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
