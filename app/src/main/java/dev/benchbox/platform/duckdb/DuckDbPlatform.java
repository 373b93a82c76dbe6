package dev.benchbox.platform.duckdb;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchRounds;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.dataset.Column;
import dev.benchbox.platform.DataFootprint;
import dev.benchbox.platform.LocalNeed;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.LoadedScale;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.QuerySummary;
import dev.benchbox.platform.RowSink;
import dev.benchbox.tpch.TpchSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * The embedded default platform: DuckDB in-process, in memory or in a database file.
 * One connection serves the session; loads use duplicated connections to append in parallel.
 *
 * <p>Over 400 lines because it is the whole {@link Platform} for DuckDB, one short method per operation; the work
 * itself (generated loads, staging tables, cancelling a running statement) is in the classes beside it.
 */
public final class DuckDbPlatform implements Platform {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DuckDbPlatform.class);
    /** The built-in generators DuckDB loads as Arrow streams, by the generator a data set names. */
    private static final Map<DataSet.Generator, ArrowGenerator> ARROW_GENERATORS = Map.of(
            DataSet.Generator.TPCH, TpchArrowGenerator.INSTANCE,
            DataSet.Generator.TPCDS, TpcdsArrowGenerator.INSTANCE);

    private final DuckDBConnection connection;
    private final Path path;
    private final String version;
    private final StatementCanceller canceller = new StatementCanceller();

    private DuckDbPlatform(DuckDBConnection connection, Path path, String version) {
        this.connection = connection;
        this.path = path;
        this.version = version;
    }

    /**
     * Opens DuckDB in memory ({@code path} null) or on a database file.
     * Extensions are never downloaded: the JDBC driver bundles what we use (parquet, json, icu).
     */
    public static DuckDbPlatform open(Path path) {
        if (path != null) {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new BenchboxException("cannot open DuckDB database '" + path + "': directory " + parent + " does not exist");
            }
        }
        Properties properties = new Properties();
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "true");
        // NULLs sort as in Spark SQL (first ascending, last descending), so one query gives one answer on both
        // platforms: 20 of the TPC-DS answers depend on it (TpcdsReferenceAnswers.NULL_ORDER)
        properties.setProperty("default_null_order", "nulls_first_on_asc_last_on_desc");
        String url = path == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + path.toAbsolutePath();
        try {
            DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection(url, properties);
            String version;
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT version()")) {
                rs.next();
                version = rs.getString(1);
            }
            return new DuckDbPlatform(connection, path, version);
        } catch (SQLException e) {
            throw new BenchboxException("cannot open DuckDB database" + (path == null ? "" : " '" + path + "'")
                    + ": " + SqlErrors.describe(e.getMessage()), e);
        }
    }

    @Override
    public dev.benchbox.results.TimingMethod timingMethod() {
        return dev.benchbox.results.TimingMethod.JDBC;
    }

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public String description() {
        return "DuckDB " + version + (path == null ? " (in-memory)" : " (" + path + ")");
    }

    @Override
    public String version() {
        return version;
    }

    /** DuckDB's version and the settings that size it: {@code threads} and {@code memory_limit}. */
    @Override
    public dev.benchbox.results.EngineConfiguration configuration() {
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT current_setting('threads'), current_setting('memory_limit')")) {
            rs.next();
            settings.put("threads", rs.getString(1));
            settings.put("memory_limit", rs.getString(2));
        } catch (SQLException e) {
            // the run is recorded all the same, without the settings
            settings.clear();
        }
        return dev.benchbox.results.EngineConfiguration.embedded(name(), version, settings);
    }

    /** A sweep varies DuckDB's threads and memory_limit on this connection. */
    @Override
    public java.util.Optional<dev.benchbox.platform.ConfigurationSweeps> sweeps() {
        return java.util.Optional.of(new DuckDbSweeps(this));
    }

    @Override
    public String defaultSchema() {
        return "main";
    }

    @Override
    public synchronized void createSchema(String schema) {
        // DuckDB reads name.table as catalog or schema: a schema named like a database makes every such name ambiguous
        List<String> clashes = queryStrings("SELECT database_name FROM duckdb_databases() WHERE lower(database_name) = lower(?)", schema);
        if (!clashes.isEmpty()) {
            throw new BenchboxException("schema '" + schema + "' has the name of the database '" + clashes.get(0)
                    + "' (DuckDB names a database after its file): DuckDB could not tell them apart in '" + schema
                    + ".table'; choose another schema name");
        }
        update("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
    }

    @Override
    public synchronized boolean schemaExists(String schema) {
        return !queryStrings("SELECT schema_name FROM information_schema.schemata WHERE schema_name = ? "
                + "AND catalog_name = current_database()", schema).isEmpty();
    }

    /** The database file and DuckDB's write-ahead log beside it. */
    @Override
    public List<Path> localFiles() {
        return path == null ? List.of() : List.of(path, path.resolveSibling(path.getFileName() + ".wal"));
    }

    /** An in-memory database's tables are gone once it is closed; a database file keeps them. */
    @Override
    public synchronized Optional<String> lostOnClose() {
        if (path != null) {
            return Optional.empty();
        }
        List<String> schemas = queryStrings("SELECT schema_name FROM duckdb_tables() WHERE database_name = current_database() "
                + "AND NOT internal GROUP BY schema_name ORDER BY schema_name");
        if (schemas.isEmpty()) {
            return Optional.empty();
        }
        long tables = queryStrings("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT internal")
                .size();
        return Optional.of(tables + (tables == 1 ? " table" : " tables") + " in " + (schemas.size() == 1 ? "schema " : "schemas ")
                + String.join(", ", schemas));
    }

    @Override
    public synchronized List<String> listSchemas() {
        return queryStrings("SELECT schema_name FROM information_schema.schemata WHERE catalog_name = current_database() "
                + "AND schema_name NOT IN ('information_schema', 'pg_catalog') ORDER BY schema_name");
    }

    @Override
    public synchronized List<String> listTables(String schema) {
        requireSchema(schema);
        // a load's staging tables are the shell's own, not the user's: a killed load's are removed at the next connect
        return queryStrings("SELECT table_name FROM duckdb_tables() WHERE schema_name = ? "
                + "AND database_name = current_database() AND NOT internal AND NOT suffix(table_name, ?) ORDER BY table_name",
                schema, StagingTables.SUFFIX);
    }

    /**
     * Drops the staging tables a load that never finished left (killed, or the machine went down): only tables named
     * by the loaders' scheme ({@code TABLE__benchbox_loading}), which hold no one's data but a load's half. Says what
     * it removed, or why it could not, in one line; nothing when there were none.
     */
    synchronized Optional<String> dropLeftoverStagingTables() {
        List<String[]> leftovers = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT schema_name, table_name FROM duckdb_tables() "
                + "WHERE database_name = current_database() AND NOT internal AND suffix(table_name, ?) ORDER BY 1, 2")) {
            statement.setString(1, StagingTables.SUFFIX);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    leftovers.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.toUserError(e);
        }
        if (leftovers.isEmpty()) {
            return Optional.empty();
        }
        String names = String.join(", ", leftovers.stream().map(t -> t[0] + "." + t[1]).toList());
        String count = leftovers.size() + (leftovers.size() == 1 ? " staging table" : " staging tables");
        try (Statement statement = connection.createStatement()) {
            for (String[] leftover : leftovers) {
                statement.execute("DROP TABLE IF EXISTS " + quote(leftover[0]) + "." + quote(leftover[1]));
            }
        } catch (SQLException e) {
            return Optional.of("Could not remove the " + count + " an interrupted load left (" + names + "): "
                    + SqlErrors.describe(e.getMessage()));
        }
        return Optional.of("Removed the " + count + " an interrupted load left (" + names + "); the tables it was replacing are as they were");
    }

    @Override
    public synchronized List<Column> describeTable(String schema, String table) {
        requireTable(schema, table);
        List<Column> columns = new ArrayList<>();
        String sql = "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ? "
                + "AND table_name = ? AND table_catalog = current_database() ORDER BY ordinal_position";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(new Column(rs.getString(1), rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.toUserError(e);
        }
        return columns;
    }

    @Override
    public synchronized long rowCount(String schema, String table) {
        requireTable(schema, table);
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + qualified(schema, table))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw SqlErrors.toUserError(e);
        }
    }

    /** The scale every one of the data set's tables records in its comment, if they all record the same one. */
    @Override
    public synchronized Optional<Scale> loadedScale(String schema, DataSet dataSet) {
        List<String> tables = dataSet.tables();
        String commentPrefix = dataSet.scaleComment();
        if (!schemaExists(schema)) {
            return Optional.empty();
        }
        Map<String, String> comments = new LinkedHashMap<>();
        String sql = "SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = ? AND database_name = current_database()";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    comments.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.toUserError(e);
        }
        return LoadedScale.agreedBy(tables, table -> Optional.ofNullable(comments.get(table))
                .filter(comment -> comment.startsWith(commentPrefix))
                .map(comment -> comment.substring(commentPrefix.length())));
    }

    /**
     * The TPC generators stream Arrow batches into DuckDB, their parts on every core (one loader; each generator says
     * how it splits and what each part feeds); a data set that brings its rows is inserted as they come.
     */
    @Override
    public LoadReport load(String schema, DataSet dataSet, Scale scale, List<String> tables, LoadProgress progress) {
        requireSchema(schema);
        List<String> selected = dataSet.selected(tables);
        long started = System.nanoTime();
        synchronized (this) {
            ArrowGenerator arrow = ARROW_GENERATORS.get(dataSet.generator());
            if (arrow != null) {
                new ArrowLoader(connection, schema, arrow, dataSet, scale).load(selected, progress);
            } else if (dataSet.generator() instanceof DataSet.Rows rows) {
                new RowsLoader(connection, schema).load(dataSet, rows, scale, selected, progress);
            } else {
                throw new BenchboxException(name() + " has no generator for " + dataSet.title());
            }
        }
        return new LoadReport(countRows(schema, selected), System.nanoTime() - started);
    }

    /**
     * DuckDB reads cached Parquet files with its own reader; data not cached yet it generates into its tables as a load
     * without the cache does, then writes them out for the cache (one pass: nothing is read back).
     */
    @Override
    public Optional<dev.benchbox.platform.ParquetLoads> parquetLoads() {
        return Optional.of(new dev.benchbox.platform.ParquetLoads() {
            @Override
            public LoadReport loadParquet(String schema, DataSet dataSet, Scale scale,
                    Map<String, dev.benchbox.platform.ParquetLoads.Table> tables, LoadProgress progress) {
                return DuckDbPlatform.this.loadParquet(schema, dataSet, scale, tables, progress);
            }

            @Override
            public Optional<LoadReport> loadAndWrite(String schema, DataSet dataSet, Scale scale, List<String> tables, Path dir,
                    LoadProgress progress) {
                long cpuStarted = processCpuNanos();
                LoadReport report = load(schema, dataSet, scale, tables, progress);
                long copyStarted = System.nanoTime();
                long copyCpuStarted = processCpuNanos();
                synchronized (DuckDbPlatform.this) {
                    for (String table : tables) {
                        update(DuckDbParquetGenerator.copySql(schema, table, dir));
                    }
                }
                // where a first load's time goes (generating and loading, then the cache's files), for profiling
                log.info("{} SF{}: generated and loaded in {} ms (process cpu {} ms), then wrote the data cache's Parquet in {} ms"
                        + " (cpu {} ms)", dataSet.title(), scale.text(), report.elapsedNanos() / 1_000_000,
                        (copyCpuStarted - cpuStarted) / 1_000_000, (System.nanoTime() - copyStarted) / 1_000_000,
                        (processCpuNanos() - copyCpuStarted) / 1_000_000);
                return Optional.of(report);
            }
        });
    }

    /**
     * Each table into a staging table typed as the data set declares it ({@code read_parquet} over its files, DuckDB's
     * threads scanning them), then all swapped in with the scale recorded; a failure or Ctrl-C leaves the tables that
     * were there.
     */
    private LoadReport loadParquet(String schema, DataSet dataSet, Scale scale,
            Map<String, dev.benchbox.platform.ParquetLoads.Table> tables, LoadProgress progress) {
        requireSchema(schema);
        List<String> names = List.copyOf(tables.keySet());
        long started = System.nanoTime();
        long cpuStarted = processCpuNanos();
        synchronized (this) {
            InsertOrder.unordered(connection, () -> {
                insertParquet(schema, dataSet, scale, tables, progress, names);
                return null;
            });
        }
        // where a cached load's time goes, for profiling
        log.info("{} SF{}: read {} table(s) from Parquet in {} ms (process cpu {} ms)", dataSet.title(), scale.text(), names.size(),
                (System.nanoTime() - started) / 1_000_000, (processCpuNanos() - cpuStarted) / 1_000_000);
        return new LoadReport(countRows(schema, names), System.nanoTime() - started);
    }

    private void insertParquet(String schema, DataSet dataSet, Scale scale,
            Map<String, dev.benchbox.platform.ParquetLoads.Table> tables, LoadProgress progress, List<String> names) {
        StagingTables.create(connection, schema, names, (staging, table) -> createSql(staging, dataSet.columns(table)));
        progress.start("Loading " + dataSet.title() + " SF" + scale.text() + " from Parquet",
                tables.values().stream().mapToLong(dev.benchbox.platform.ParquetLoads.Table::rows).sum());
        try (Statement statement = connection.createStatement();
                StatementCanceller.Registration ignored = canceller.watch(statement)) {
            for (Map.Entry<String, dev.benchbox.platform.ParquetLoads.Table> entry : tables.entrySet()) {
                StringBuilder files = new StringBuilder();
                for (Path file : entry.getValue().files()) {
                    files.append(files.length() == 0 ? "" : ", ").append('\'')
                            .append(file.toAbsolutePath().toString().replace("'", "''")).append('\'');
                }
                statement.execute("INSERT INTO " + qualified(schema, entry.getKey() + StagingTables.SUFFIX)
                        + " SELECT * FROM read_parquet([" + files + "])");
                progress.advance(entry.getValue().rows());
            }
            progress.done();
            StagingTables.replace(connection, schema, names, dataSet.scaleComment() + scale.text());
        } catch (SQLException e) {
            StagingTables.drop(connection, schema, names);
            if (Thread.interrupted() || SqlErrors.isInterrupt(e)) {
                Thread.currentThread().interrupt();
                throw new BenchboxException("load cancelled: existing tables were left as they were");
            }
            throw new BenchboxException("cannot load " + dataSet.title() + " from Parquet: " + SqlErrors.describe(e.getMessage()), e);
        }
    }

    private static String createSql(String staging, List<Column> columns) {
        List<String> definitions = new ArrayList<>();
        columns.forEach(c -> definitions.add(quote(c.name()) + " " + c.type()));
        return "CREATE TABLE " + staging + " (" + String.join(", ", definitions) + ")";
    }

    /**
     * A load holds the data set in DuckDB's buffers, up to its {@code memory_limit}: in memory, what does not fit goes to
     * its temp directory; in a database file, to the file (the whole data set ends up there).
     */
    @Override
    public synchronized Optional<LocalNeed> localNeed(DataSet dataSet, DataFootprint footprint, double scale) {
        long data = footprint.memory().at(scale);
        long limit = memoryLimitBytes();
        long held = data <= limit ? data : (long) Math.min(Long.MAX_VALUE, limit * BEYOND_MEMORY_LIMIT);
        if (path == null) {
            List<LocalNeed.Disk> spilled = data > limit
                    ? List.of(new LocalNeed.Disk(tempDirectory(), data - limit, "for what does not fit in DuckDB's memory_limit"))
                    : List.of();
            return Optional.of(new LocalNeed("in an in-memory DuckDB", data, held, spilled,
                    List.of("a DuckDB file with room for it (--path)", "EMR Serverless with --generate cluster")));
        }
        Path folder = path.toAbsolutePath().getParent();
        return Optional.of(new LocalNeed("in a DuckDB file", data, held,
                List.of(new LocalNeed.Disk(folder, footprint.file().at(scale), "for the database file")),
                List.of("a DuckDB file on a disk with room for it (--path)", "EMR Serverless with --generate cluster")));
    }

    /**
     * At its memory_limit the shell still grows beyond it (the generator's batches, the JVM): an in-memory TPC-H load at
     * SF 1e9 with the default limit (80% of 23 GB) held 21.6 GB resident after 10 minutes, 1.17 times the limit, with
     * 41 GB spilled to {@code .tmp}.
     */
    private static final double BEYOND_MEMORY_LIMIT = 1.17;

    /** DuckDB's {@code memory_limit} in bytes ({@link Long#MAX_VALUE} when it has none). */
    private long memoryLimitBytes() {
        return sizeBytes(queryStrings("SELECT current_setting('memory_limit')").get(0));
    }

    /** Where DuckDB spills: its {@code temp_directory}, relative to the working directory as DuckDB resolves it. */
    private Path tempDirectory() {
        String setting = queryStrings("SELECT current_setting('temp_directory')").get(0);
        return Path.of("").toAbsolutePath().resolve(setting == null || setting.isBlank() ? "." : setting);
    }

    /** A size as DuckDB shows its settings ({@code 18.5 GiB}, {@code 512.0 MiB}, {@code 1000 bytes}) in bytes; {@link Long#MAX_VALUE} if it is none of those. */
    static long sizeBytes(String shown) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([KMGTP]?i?B|bytes)\\s*",
                java.util.regex.Pattern.CASE_INSENSITIVE).matcher(shown == null ? "" : shown);
        if (!m.matches()) {
            return Long.MAX_VALUE;
        }
        String unit = m.group(2).toUpperCase(Locale.ROOT);
        int power = unit.equals("BYTES") || unit.equals("B") ? 0 : "KMGTP".indexOf(unit.charAt(0)) + 1;
        double base = unit.contains("I") || power == 0 ? 1024 : 1000;
        double bytes = Double.parseDouble(m.group(1)) * Math.pow(base, power);
        return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) bytes;
    }

    @Override
    public LoadReport loadFiles(String schema, List<String> tables, Path sourceDir, LoadProgress progress) {
        requireSchema(schema);
        if (tables.isEmpty()) {
            throw new BenchboxException("name the tables to load with --tables t1,t2");
        }
        if (!Files.isDirectory(sourceDir)) {
            throw new BenchboxException("source directory '" + sourceDir + "' does not exist");
        }
        // resolve every file first, so a missing one is reported before anything is replaced
        Map<String, DataFile> files = new LinkedHashMap<>();
        for (String table : tables) {
            files.put(table, DataFile.find(sourceDir, table));
        }
        long started = System.nanoTime();
        synchronized (this) {
            progress.start("Loading files", files.size());
            for (Map.Entry<String, DataFile> entry : files.entrySet()) {
                loadFile(schema, entry.getKey(), entry.getValue());
                progress.advance(1);
            }
        }
        return new LoadReport(countRows(schema, tables), System.nanoTime() - started);
    }

    private void loadFile(String schema, String table, DataFile file) {
        String staging = qualified(schema, table + StagingTables.SUFFIX);
        boolean tpch = TpchSchema.isTpchTable(table);
        if (file.format() == DataFile.Format.TBL && !tpch) {
            throw new BenchboxException("cannot load " + file.path() + ": .tbl files are read with the TPC-H layout, and '"
                    + table + "' is not a TPC-H table (use .csv with a header or .parquet)");
        }
        String source = file.selectSql(tpch ? TpchSchema.columns(table) : List.of());
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + staging);
            if (tpch) {
                statement.execute(TpchSchema.createTableSql(staging, table));
                statement.execute("INSERT INTO " + staging + " " + source);
            } else {
                statement.execute("CREATE TABLE " + staging + " AS " + source);
            }
            StagingTables.replace(connection, schema, List.of(table), null);
        } catch (SQLException e) {
            dropQuietly(staging);
            throw new BenchboxException("cannot load table '" + table + "' from " + file.path() + ": "
                    + SqlErrors.describe(e.getMessage()), e);
        }
    }

    private Map<String, Long> countRows(String schema, List<String> tables) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            counts.put(table, rowCount(schema, table));
        }
        return counts;
    }

    @Override
    public synchronized QuerySummary execute(String schema, String sql, RowSink sink) {
        useSchema(schema);
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement();
                StatementCanceller.Registration ignored = canceller.watch(statement)) {
            boolean hasResultSet = statement.execute(sql);
            if (!hasResultSet) {
                long updated = Math.max(statement.getUpdateCount(), 0);
                sink.begin(List.of());
                sink.end();
                return new QuerySummary(List.of(), updated, System.nanoTime() - started);
            }
            try (ResultSet rs = statement.getResultSet()) {
                List<Column> columns = columns(rs.getMetaData());
                sink.begin(columns);
                long rows = 0;
                int width = columns.size();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(width);
                    for (int i = 1; i <= width; i++) {
                        row.add(rs.getObject(i));
                    }
                    sink.row(row);
                    rows++;
                }
                sink.end();
                return new QuerySummary(columns, rows, System.nanoTime() - started);
            }
        } catch (SQLException e) {
            throw translate(e, sql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized List<QueryExecution> runBatch(String schema, List<BatchQuery> queries, int warmups,
            int iterations, int maxRowsKept, BatchListener listener) {
        useSchema(schema);
        // the process's CPU while the queries ran, against their summed time, in the log: on a shared machine the
        // figure to compare with a bare JDBC loop's (scripts/bench-local (c))
        long[] timedNanos = {0, 0, 0};
        try {
            return BatchRounds.run(queries, warmups, iterations, listener, "run cancelled", (query, iteration, warmup) -> {
                long cpuBefore = processCpuNanos();
                long compilingBefore = compilingMillis();
                QueryExecution execution = runTimed(connection, canceller, query, iteration, warmup, maxRowsKept);
                if (!warmup) {
                    timedNanos[1] += processCpuNanos() - cpuBefore;
                    timedNanos[2] += compilingMillis() - compilingBefore;
                    timedNanos[0] += execution.elapsedNanos();
                }
                return execution;
            });
        } finally {
            log.info("batch of {} queries: {} ms of measured query time, process cpu {} ms during it (JIT compiling {} ms)",
                    queries.size(), timedNanos[0] / 1_000_000, timedNanos[1] / 1_000_000, timedNanos[2]);
        }
    }

    /**
     * Duplicated connections to the same database: DuckDB runs their statements side by side, each transaction
     * isolated from the others (the refresh functions' inserts and deletes while query streams read).
     */
    @Override
    public Optional<dev.benchbox.platform.StreamConnections> streamConnections() {
        return Optional.of(schema -> {
            synchronized (this) {
                requireSchema(schema);
                try {
                    DuckDBConnection duplicate = (DuckDBConnection) connection.duplicate();
                    try (Statement statement = duplicate.createStatement()) {
                        statement.execute("SET schema = '" + schema.replace("'", "''") + "'");
                    }
                    return new DuckDbStreamConnection(duplicate, canceller);
                } catch (SQLException e) {
                    throw SqlErrors.toUserError(e);
                }
            }
        });
    }

    static QueryExecution runTimed(Connection connection, StatementCanceller canceller, BatchQuery query, int iteration,
            boolean warmup, int maxRowsKept) {
        List<List<Object>> kept = new ArrayList<>();
        List<String> names = new ArrayList<>();
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement();
                StatementCanceller.Registration ignored = canceller.watch(statement);
                ResultSet rs = statement.executeQuery(query.sql())) {
            ResultSetMetaData metaData = rs.getMetaData();
            int width = metaData.getColumnCount();
            for (int i = 1; i <= width; i++) {
                names.add(metaData.getColumnLabel(i));
            }
            long rows = 0;
            while (rs.next()) {
                if (rows < maxRowsKept) {
                    List<Object> row = new ArrayList<>(width);
                    for (int i = 1; i <= width; i++) {
                        row.add(rs.getObject(i));
                    }
                    kept.add(row);
                }
                rows++;
            }
            long elapsed = System.nanoTime() - started;
            return new QueryExecution(query.id(), iteration, warmup, elapsed, rows, names, kept, null);
        } catch (SQLException e) {
            if (Thread.currentThread().isInterrupted() || SqlErrors.isInterrupt(e)) {
                throw new dev.benchbox.platform.WorkCancelled("run cancelled");
            }
            long elapsed = System.nanoTime() - started;
            return new QueryExecution(query.id(), iteration, warmup, elapsed, 0, names, List.of(), SqlErrors.describe(e.getMessage(), query.sql()));
        }
    }

    private BenchboxException translate(SQLException e, String sql) {
        if (Thread.interrupted() || SqlErrors.isInterrupt(e)) {
            return new BenchboxException("query cancelled");
        }
        return SqlErrors.toUserError(e, sql);
    }

    private static List<Column> columns(ResultSetMetaData metaData) throws SQLException {
        List<Column> columns = new ArrayList<>();
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            columns.add(new Column(metaData.getColumnLabel(i), metaData.getColumnTypeName(i)));
        }
        return columns;
    }

    /**
     * Sets the schema for every statement: not cached, because a user's own {@code USE} or
     * {@code SET schema} (run through {@link #execute}) changes it behind our back.
     */
    private void useSchema(String schema) {
        requireSchema(schema);
        update("SET schema = '" + schema.replace("'", "''") + "'");
    }

    private void requireSchema(String schema) {
        if (!schemaExists(schema)) {
            throw new BenchboxException("schema '" + schema + "' does not exist: create it with create-schema " + schema);
        }
    }

    private void requireTable(String schema, String table) {
        requireSchema(schema);
        List<String> found = queryStrings("SELECT table_name FROM duckdb_tables() WHERE schema_name = ? "
                + "AND database_name = current_database() AND lower(table_name) = lower(?)", schema, table);
        if (found.isEmpty()) {
            throw new BenchboxException("unknown table '" + table + "' in schema '" + schema + "'");
        }
    }

    private List<String> queryStrings(String sql, String... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw SqlErrors.toUserError(e);
        }
    }

    /** How long the JIT compilers have compiled so far (summed over their threads), or 0 where the JVM cannot tell. */
    private static long compilingMillis() {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** The CPU time of the whole process (DuckDB's threads included), or 0 where the JVM cannot tell. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    private void update(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw SqlErrors.toUserError(e);
        }
    }

    private void dropQuietly(String qualifiedTable) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + qualifiedTable);
        } catch (SQLException ignored) {
            // best effort: the staging table only holds a failed load
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table.toLowerCase(Locale.ROOT));
    }

    @Override
    public synchronized void close() {
        canceller.close();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing releases memory only; nothing to report
        }
    }

    Connection connection() {
        return connection;
    }
}
