package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.bench.ResourceGuard;
import dev.benchbox.cache.CachedLoads;
import dev.benchbox.benchmark.Benchmark;
import dev.benchbox.benchmark.Benchmarks;
import dev.benchbox.cost.MaxCost;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.ClusterGeneration;
import dev.benchbox.platform.GenerationPlan;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.platform.ParquetLoads;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.TableFormat;
import dev.benchbox.session.LedgerEntry;
import dev.benchbox.session.Session;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.shell.Availability;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellMethodAvailability;
import org.springframework.shell.standard.ShellOption;

/** {@code load tpch} (generate) and {@code load} (from files). */
@ShellComponent
public class LoadCommands {
    private final Session session;
    private final ConnectedAvailability availability;
    private final ProgressBars progressBars;
    private final TableNameCache tableNames;
    private final Console console;
    private final DryRuns dryRuns;
    private final ResourceGuard guard;
    private final CachedLoads cachedLoads;

    public LoadCommands(Session session, ConnectedAvailability availability, ProgressBars progressBars,
            TableNameCache tableNames, Console console, DryRuns dryRuns, ResourceGuard guard, CachedLoads cachedLoads) {
        this.cachedLoads = cachedLoads;
        this.dryRuns = dryRuns;
        this.guard = guard;
        this.session = session;
        this.availability = availability;
        this.progressBars = progressBars;
        this.tableNames = tableNames;
        this.console = console;
    }

    /**
     * {@code load tpch --scale SF [--tables t1,t2]} generates TPC-H data; {@code load --tables t1,t2 --source DIR}
     * loads files. One command, because Spring Shell's parser would take a table or directory named like a
     * sub-command for that sub-command.
     */
    @ShellMethod(key = "load", value = "Load data: load tpch|tpcds --scale SF [--tables t1,t2] generates TPC-H or TPC-DS; "
            + "load --tables t1,t2 --source DIR reads TABLE.tbl, .csv or .parquet files.", group = "Data")
    public String load(
            @ShellOption(value = "--generator", defaultValue = ShellOption.NULL, valueProvider = ValueChoices.DataSets.class, help = "tpch or tpcds: generate TPC-H or TPC-DS data") String generator,
            @ShellOption(value = "--scale", valueProvider = ValueChoices.Scales.class, defaultValue = ShellOption.NULL, help = "scale factor, e.g. 0.01 or 1") String scale,
            @ShellOption(value = "--tables", defaultValue = ShellOption.NULL, valueProvider = TpchTableProvider.class,
                    help = "comma-separated tables (with tpch or tpcds, default: all)") String tables,
            @ShellOption(value = "--source", valueProvider = PathCompletion.Folder.class, defaultValue = ShellOption.NULL, help = "directory holding TABLE.tbl, TABLE.csv or TABLE.parquet") String source,
            @ShellOption(value = "--schema", defaultValue = ShellOption.NULL, valueProvider = SchemaNameProvider.class, help = "target schema (default: current)") String schema,
            @ShellOption(value = "--dry-run", valueProvider = PathCompletion.Folder.class, defaultValue = ShellOption.NULL, help = "emr-serverless: write the Glue requests and table definitions to this directory instead") String dryRun,
            @ShellOption(value = "--replace", defaultValue = "false", help = "with --dry-run: replace an earlier dry run in that directory (its files only)") boolean replace,
            @ShellOption(value = "--generate", valueProvider = ValueChoices.Generations.class, defaultValue = ShellOption.NULL, help = "load tpch on emr-serverless: local (generate here, upload) or cluster (a job run writes it to S3); default by scale") String generate,
            @ShellOption(value = "--table-format", valueProvider = ValueChoices.TableFormats.class, defaultValue = ShellOption.NULL, help = "load tpch on emr-serverless: parquet (default) or iceberg (tables that take the refresh functions of run --full)") String tableFormat,
            @ShellOption(value = "--parts", defaultValue = ShellOption.NULL, help = "with --generate cluster: parts per large table (default: about 128 MB of Parquet each)") Integer parts,
            @ShellOption(value = "--max-cost", defaultValue = ShellOption.NULL, help = "refuse to start a generation job run whose estimate exceeds this many USD, and cancel it once what it will be billed passes it") String maxCost,
            @ShellOption(value = "--from", defaultValue = ShellOption.NULL, help = "load tpch on emr-serverless: register Parquet already in S3 (s3://bucket/prefix/, a folder per table) after a job run checks it") String from,
            @ShellOption(value = "--spark-conf", defaultValue = ShellOption.NULL, arity = Integer.MAX_VALUE, help = SparkConfs.HELP
                    + " (load tpch's generation or check job run)") String[] sparkConfPairs,
            @ShellOption(value = "--force", defaultValue = "false", help = "with tpch or tpcds: generate even where this machine looks too small to hold the data") boolean force,
            @ShellOption(value = "--no-cache", defaultValue = "false", help = "with tpch or tpcds: generate again and load directly, neither using nor filling the data cache") boolean noCache) {
        Map<String, String> sparkConf = dev.benchbox.platform.SparkSettings.parse(sparkConfPairs);
        if (generator != null) {
            Benchmark benchmark;
            try {
                benchmark = Benchmarks.get(generator);
            } catch (IllegalArgumentException e) {
                throw new BenchboxException("unknown data set '" + generator + "': expected "
                        + Benchmarks.names().stream().map(name -> "'load " + name + " --scale SF'").collect(Collectors.joining(", "))
                        + " or 'load --tables t1,t2 --source DIR'");
            }
            if (source != null) {
                throw new BenchboxException("--source loads files; 'load " + benchmark.name()
                        + "' generates data: use one or the other");
            }
            if (scale == null) {
                throw new BenchboxException("missing --scale: load " + benchmark.name() + " --scale SF (e.g. 0.01 or 1)");
            }
            TableFormat format = tableFormat == null ? TableFormat.PARQUET : TableFormat.parse(tableFormat);
            if (from != null) {
                if (format != TableFormat.PARQUET) {
                    throw new BenchboxException("--from registers Parquet files as they are: Iceberg tables are generated "
                            + "(load " + benchmark.name() + " --scale " + scale + " --table-format iceberg)");
                }
                if (generate != null || parts != null) {
                    throw new BenchboxException("--from registers data that exists: --generate and --parts do not go with it");
                }
                return register(benchmark, scale, tables, schema, dryRun, replace, from, sparkConf);
            }
            Generation generation = new Generation(generate, parts, maxCost, sparkConf, force, !noCache, format);
            return loadGenerated(benchmark, scale, tables, schema, dryRun, replace, generation);
        }
        if (!sparkConf.isEmpty()) {
            throw new BenchboxException("--spark-conf goes with 'load tpch' (its generation or check job run on emr-serverless)");
        }
        if (source == null) {
            throw new BenchboxException("say what to load: 'load tpch --scale SF' or 'load --tables t1,t2 --source DIR'");
        }
        if (scale != null) {
            throw new BenchboxException("--scale goes with 'load tpch'");
        }
        if (generate != null || parts != null || from != null || force || noCache || tableFormat != null) {
            throw new BenchboxException("--generate, --parts, --from, --table-format, --force and --no-cache go with 'load tpch'");
        }
        if (tables == null) {
            throw new BenchboxException("name the tables to load with --tables t1,t2");
        }
        return loadFiles(tables, source, schema, dryRun, replace);
    }

    /**
     * {@code --generate}, {@code --parts} and {@code --max-cost} of {@code load tpch}, as typed (null when not given), its
     * checked {@code --spark-conf}, {@code --force}, and whether the data cache is used (not {@code --no-cache}).
     */
    private record Generation(String where, Integer parts, String maxCost, Map<String, String> sparkConf, boolean force,
            boolean cache, TableFormat format) {
    }

    /**
     * {@code load tpch|tpcds --scale SF}: in a platform's cluster (planned, printed and priced first, then one
     * generation job run) or by the platform itself (DuckDB).
     */
    private String loadGenerated(Benchmark benchmark, String scale, String tables, String schema, String dryRun, boolean replace,
            Generation generation) {
        DataSet dataSet = benchmark.dataSet();
        double scaleFactor = benchmark.parseScale(scale);
        List<String> selected = dataSet.parseTables(tables);
        GenerationPlan.Where requested = generation.where() == null ? null : GenerationPlan.Where.parse(generation.where());
        BigDecimal maxCost = generation.maxCost() == null ? null : MaxCost.parse(generation.maxCost());
        if (generation.parts() != null && generation.parts() < 1) {
            throw new BenchboxException("--parts must be at least 1, not " + generation.parts());
        }
        Platform platform = dryRuns.target(dryRun, replace);
        Optional<ClusterGeneration> cluster = platform.clusterGeneration();
        // data generated on this machine goes through the data cache wherever the platform reads Parquet from here
        Optional<ParquetLoads> parquet = generation.cache() ? platform.parquetLoads() : Optional.empty();
        if (generation.format() == TableFormat.ICEBERG) {
            if (cluster.isEmpty()) {
                throw new BenchboxException("--table-format iceberg is for emr-serverless; " + platform.name()
                        + " tables take the refresh functions as they are");
            }
            if (requested == GenerationPlan.Where.LOCAL) {
                throw new BenchboxException("Iceberg tables are written by a job run in the application: use --generate cluster "
                        + "(or leave --generate out) with --table-format iceberg");
            }
            requested = GenerationPlan.Where.CLUSTER;
        }
        if (cluster.isEmpty() && (requested == GenerationPlan.Where.CLUSTER || generation.parts() != null)) {
            throw new BenchboxException("--generate cluster and --parts need a platform that generates in its cluster "
                    + "(emr-serverless); " + platform.name() + " generates " + dataSet.title() + " itself");
        }
        String target = schema == null ? session.schema() : schema;
        Instant started = Instant.now();
        LoadReport report;
        if (cluster.isPresent()) {
            try (var work = SparkConfs.forWork(platform, scaleFactor, generation.sparkConf())) {
                GenerationPlan plan = cluster.get().plan(dataSet, Scale.of(scaleFactor), selected, requested, generation.parts());
                if (plan.where() == GenerationPlan.Where.LOCAL) {
                    guard.check(platform, benchmark, scaleFactor, generation.force());
                }
                console.println(plan.describe());
                if (maxCost != null) {
                    MaxCost.check(plan.estimatedUsd(), maxCost);
                }
                // and the limit holds while the generation job run runs: passing it cancels it
                try (LoadProgress progress = progressBars.create();
                        var cap = dev.benchbox.platform.SpendingCap.over(platform, maxCost)) {
                    report = plan.where() == GenerationPlan.Where.LOCAL && parquet.isPresent()
                            ? cachedLoads.load(parquet.get(), target, dataSet, Scale.of(scaleFactor), selected, progress)
                            : cluster.get().generate(target, plan, generation.format(), progress);
                }
            }
        } else {
            SparkConfs.requireNone(platform, generation.sparkConf());
            guard.check(platform, benchmark, scaleFactor, generation.force());
            try (LoadProgress progress = progressBars.create()) {
                report = parquet.isPresent()
                        ? cachedLoads.load(parquet.get(), target, dataSet, Scale.of(scaleFactor), selected, progress)
                        : platform.load(target, dataSet, Scale.of(scaleFactor), selected, progress);
            }
        }
        if (DryRuns.recorder(platform).isPresent()) {
            return dryRunSummary(platform, report);
        }
        tableNames.invalidate();
        String what = dataSet.title() + " SF" + Scale.of(scaleFactor).text()
                + (generation.format() == TableFormat.PARQUET ? "" : " as " + generation.format().title() + " tables");
        session.record(new LedgerEntry(started, platform.name(), "load", what, report.elapsedNanos() / 1e6));
        return notes(report) + summary(what, target, report);
    }

    private String register(Benchmark benchmark, String scale, String tables, String schema, String dryRun, boolean replace,
            String from, Map<String, String> sparkConf) {
        DataSet dataSet = benchmark.dataSet();
        double scaleFactor = benchmark.parseScale(scale);
        List<String> selected = dataSet.parseTables(tables);
        Platform platform = dryRuns.target(dryRun, replace);
        ClusterGeneration cluster = platform.clusterGeneration().orElseThrow(() -> new BenchboxException(
                "--from registers data in S3: it needs emr-serverless, not " + platform.name()));
        String target = schema == null ? session.schema() : schema;
        Instant started = Instant.now();
        LoadReport report;
        try (var work = SparkConfs.forWork(platform, scaleFactor, sparkConf); LoadProgress progress = progressBars.create()) {
            report = cluster.register(target, dataSet, Scale.of(scaleFactor), selected, from, progress);
        }
        if (DryRuns.recorder(platform).isPresent()) {
            return dryRunSummary(platform, report);
        }
        tableNames.invalidate();
        String what = dataSet.title() + " SF" + Scale.of(scaleFactor).text() + " from " + from;
        session.record(new LedgerEntry(started, platform.name(), "load", what, report.elapsedNanos() / 1e6));
        return notes(report) + summary(what, target, report);
    }

    private String loadFiles(String tables, String source, String schema, String dryRun, boolean replace) {
        List<String> selected = new ArrayList<>();
        for (String table : tables.split(",")) {
            String name = table.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                SchemaCommands.requireIdentifier(name, "table");
                selected.add(name);
            }
        }
        if (selected.isEmpty()) {
            throw new BenchboxException("name the tables to load with --tables t1,t2");
        }
        Platform platform = dryRuns.target(dryRun, replace);
        String target = schema == null ? session.schema() : schema;
        Instant started = Instant.now();
        LoadReport report;
        try (LoadProgress progress = progressBars.create()) {
            report = platform.loadFiles(target, selected, Path.of(source), progress);
        }
        if (DryRuns.recorder(platform).isPresent()) {
            return dryRunSummary(platform, report);
        }
        tableNames.invalidate();
        session.record(new LedgerEntry(started, platform.name(), "load", "files from " + source, report.elapsedNanos() / 1e6));
        return notes(report) + summary("files from " + source, target, report);
    }

    /** What the platform says about the load (e.g. what it uploaded, skipped as already there), a line each before the summary. */
    private static String notes(LoadReport report) {
        StringBuilder out = new StringBuilder();
        report.notes().forEach(note -> out.append(note).append(System.lineSeparator()));
        return out.toString();
    }

    private static String dryRunSummary(Platform platform, LoadReport report) {
        var recorder = DryRuns.recorder(platform).orElseThrow();
        return "Would register " + report.rowCounts().size() + " Glue tables: " + String.join(", ", report.rowCounts().keySet())
                + System.lineSeparator() + notes(report) + DryRuns.summary(recorder, 0);
    }

    private String summary(String what, String schema, LoadReport report) {
        StringBuilder out = new StringBuilder();
        int width = report.rowCounts().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Long> entry : report.rowCounts().entrySet()) {
            out.append(String.format(Locale.ROOT, "  %-" + width + "s %,12d %s%n", entry.getKey(), entry.getValue(),
                    entry.getValue() == 1 ? "row" : "rows"));
        }
        long total = report.rowCounts().values().stream().mapToLong(Long::longValue).sum();
        int tables = report.rowCounts().size();
        out.append(String.format(Locale.ROOT, "Loaded %s into %s: %d %s, %,d %s in %.1f s",
                what, schema, tables, tables == 1 ? "table" : "tables", total, total == 1 ? "row" : "rows", report.elapsedNanos() / 1e9));
        return out.toString();
    }

    @ShellMethodAvailability({"load"})
    public Availability connected() {
        return availability.check();
    }
}
