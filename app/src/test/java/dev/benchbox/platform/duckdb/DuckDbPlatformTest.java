package dev.benchbox.platform.duckdb;

import dev.benchbox.standin.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.dataset.Column;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.QuerySummary;
import dev.benchbox.platform.RowSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbPlatformTest {
    private static final String REGION_TBL = """
            0|AFRICA|lar deposits. blithely final packages cajole.|
            1|AMERICA|hs use ironic, even requests. s|
            2|ASIA|ges. thinly even pinto beans ca|
            3|EUROPE|ly final courts cajole furiously final excuse|
            4|MIDDLE EAST|uickly special accounts cajole carefully blithely close requests.|
            """;
    /** Long enough to still be running when it is interrupted, whatever the machine. */
    private static final String ENDLESS = "SELECT count(*) FROM range(100000000) t1, range(100000000) t2";

    @TempDir
    Path dir;

    private DuckDbPlatform duckdb;

    @BeforeEach
    void open() {
        duckdb = DuckDbPlatform.open(null);
    }

    @AfterEach
    void close() {
        duckdb.close();
    }

    @Test
    void ordersNullsAsSparkSqlDoes() {
        // first in ascending order, last in descending: one query, one answer on DuckDB and Spark (TPC-DS answers need it)
        List<QueryExecution> executions = duckdb.runBatch("main", List.of(
                new BatchQuery("asc", "SELECT x FROM (VALUES (1), (NULL), (2)) t(x) ORDER BY x"),
                new BatchQuery("desc", "SELECT x FROM (VALUES (1), (NULL), (2)) t(x) ORDER BY x DESC")), 0, 1, 10, execution -> { });

        assertThat(executions.get(0).rows()).extracting(row -> row.get(0)).containsExactly(null, 1, 2);
        assertThat(executions.get(1).rows()).extracting(row -> row.get(0)).containsExactly(2, 1, null);
    }

    @Test
    void readsItsMemoryLimitAsDuckDbShowsIt() {
        assertThat(DuckDbPlatform.sizeBytes("18.5 GiB")).isEqualTo((long) (18.5 * (1L << 30)));
        assertThat(DuckDbPlatform.sizeBytes("57.2 MiB")).isEqualTo((long) (57.2 * (1L << 20)));
        assertThat(DuckDbPlatform.sizeBytes("1000 bytes")).isEqualTo(1000);
        assertThat(DuckDbPlatform.sizeBytes("4GB")).isEqualTo(4_000_000_000L);
        assertThat(DuckDbPlatform.sizeBytes("")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void describesItselfAsInMemoryDuckDb() {
        assertThat(duckdb.name()).isEqualTo("duckdb");
        assertThat(duckdb.defaultSchema()).isEqualTo("main");
        assertThat(duckdb.version()).startsWith("v");
        assertThat(duckdb.description()).isEqualTo("DuckDB " + duckdb.version() + " (in-memory)");
    }

    @Test
    void openingAFileInAMissingDirectoryIsAOneLineError() {
        Path file = dir.resolve("no/such/dir/bench.duckdb");

        assertThatThrownBy(() -> DuckDbPlatform.open(file))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("cannot open DuckDB database '" + file + "': directory " + file.getParent() + " does not exist");
    }

    @Test
    void aSchemaNamedLikeTheDatabaseFileIsRefusedInOneLineAndNothingIsCreated() {
        DuckDbPlatform file = DuckDbPlatform.open(dir.resolve("tpch.duckdb"));
        try {
            assertThatThrownBy(() -> file.createSchema("TPCH")).isInstanceOf(BenchboxException.class).hasMessage("schema 'TPCH' has "
                    + "the name of the database 'tpch' (DuckDB names a database after its file): DuckDB could not tell them apart in "
                    + "'TPCH.table'; choose another schema name");
            assertThat(file.schemaExists("TPCH")).isFalse();
            file.createSchema("bench");
            assertThat(file.schemaExists("bench")).isTrue();
        } finally {
            file.close();
        }
    }

    @Test
    void createSchemaIsIdempotent() {
        assertThat(duckdb.schemaExists("bench")).isFalse();

        duckdb.createSchema("bench");
        duckdb.createSchema("bench");

        assertThat(duckdb.schemaExists("bench")).isTrue();
        assertThat(duckdb.listTables("bench")).isEmpty();
    }

    @Test
    void listsTablesOfOneSchemaInNameOrder() {
        duckdb.createSchema("other");
        run("CREATE TABLE zeta (a INTEGER)");
        run("CREATE TABLE alpha (a INTEGER)");
        run("CREATE TABLE other.beta (a INTEGER)");

        assertThat(duckdb.listTables("main")).containsExactly("alpha", "zeta");
        assertThat(duckdb.listTables("other")).containsExactly("beta");
    }

    @Test
    void describesATablesColumns() {
        run("CREATE TABLE cities (id BIGINT, name VARCHAR, founded DATE)");

        assertThat(duckdb.describeTable("main", "cities")).containsExactly(
                new Column("id", "BIGINT"), new Column("name", "VARCHAR"), new Column("founded", "DATE"));
    }

    @Test
    void describingAnUnknownTableNamesItAndTheSchema() {
        assertThatThrownBy(() -> duckdb.describeTable("main", "x"))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("unknown table 'x' in schema 'main'");
        assertThatThrownBy(() -> duckdb.rowCount("main", "x"))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("unknown table 'x' in schema 'main'");
    }

    @Test
    void listingTablesOfAMissingSchemaSaysHowToCreateIt() {
        assertThatThrownBy(() -> duckdb.listTables("nope"))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("schema 'nope' does not exist: create it with create-schema nope");
    }

    @Test
    void loadsChosenTpchTablesWithTheirExactRowCounts() {
        LoadReport report = duckdb.load("main", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet(), dev.benchbox.dataset.Scale.of(0.01), List.of("region", "nation"), LoadProgress.NONE);

        assertThat(report.rowCounts()).isEqualTo(Map.of("region", 5L, "nation", 25L));
        assertThat(List.copyOf(report.rowCounts().keySet())).containsExactly("region", "nation");
        assertThat(duckdb.listTables("main")).containsExactly("nation", "region");
        assertThat(duckdb.describeTable("main", "region")).containsExactly(
                new Column("r_regionkey", "BIGINT"), new Column("r_name", "VARCHAR"), new Column("r_comment", "VARCHAR"));
        assertThat(rows("SELECT r_name FROM region ORDER BY r_regionkey"))
                .containsExactly(List.of("AFRICA"), List.of("AMERICA"), List.of("ASIA"), List.of("EUROPE"), List.of("MIDDLE EAST"));
    }

    @Test
    void loadedScaleIsKnownOnlyOnceAllEightTablesAreLoaded() {
        assertThat(duckdb.loadedScale("main", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet()).map(dev.benchbox.dataset.Scale::value)).isEmpty();
        assertThat(duckdb.loadedScale("nope", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet()).map(dev.benchbox.dataset.Scale::value)).isEmpty();

        duckdb.load("main", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet(), dev.benchbox.dataset.Scale.of(0.01), List.of("region", "nation"), LoadProgress.NONE);
        assertThat(duckdb.loadedScale("main", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet()).map(dev.benchbox.dataset.Scale::value)).isEmpty();

        LoadReport report = duckdb.load("main", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet(), dev.benchbox.dataset.Scale.of(0.01), List.of(), LoadProgress.NONE);
        assertThat(report.rowCounts()).containsExactly(
                Map.entry("region", 5L), Map.entry("nation", 25L), Map.entry("supplier", 100L),
                Map.entry("customer", 1500L), Map.entry("part", 2000L), Map.entry("partsupp", 8000L),
                Map.entry("orders", 15000L), Map.entry("lineitem", 60175L));
        assertThat(duckdb.loadedScale("main", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet()).map(dev.benchbox.dataset.Scale::value)).isEqualTo(Optional.of(0.01));
        assertThat(duckdb.listTables("main")).doesNotContain("region" + StagingTables.SUFFIX);
    }

    @Test
    void reloadingOneTableFromFilesForgetsTheGeneratedScale() throws Exception {
        duckdb.load("main", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet(), dev.benchbox.dataset.Scale.of(0.01), List.of(), LoadProgress.NONE);
        Files.writeString(dir.resolve("region.tbl"), REGION_TBL);

        duckdb.loadFiles("main", List.of("region"), dir, LoadProgress.NONE);

        // region no longer holds generated SF 0.01 data: a run must not take it for a complete load
        assertThat(duckdb.loadedScale("main", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet()).map(dev.benchbox.dataset.Scale::value)).isEmpty();
    }

    @Test
    void loadingTpchIntoAMissingSchemaSaysHowToCreateIt() {
        assertThatThrownBy(() -> duckdb.load("nope", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet(), dev.benchbox.dataset.Scale.of(0.01), List.of("region"), LoadProgress.NONE))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("schema 'nope' does not exist: create it with create-schema nope");
    }

    @Test
    void loadsATblFileWithTrailingPipes() throws Exception {
        Files.writeString(dir.resolve("region.tbl"), REGION_TBL);

        LoadReport report = duckdb.loadFiles("main", List.of("region"), dir, LoadProgress.NONE);

        assertThat(report.rowCounts()).isEqualTo(Map.of("region", 5L));
        assertThat(duckdb.describeTable("main", "region")).extracting(Column::name)
                .containsExactly("r_regionkey", "r_name", "r_comment");
        assertThat(rows("SELECT r_regionkey, r_name FROM region WHERE r_regionkey = 4"))
                .containsExactly(List.of(4L, "MIDDLE EAST"));
    }

    @Test
    void loadsACsvFileWithAHeader() throws Exception {
        Files.writeString(dir.resolve("cities.csv"), "id,name\n1,Oslo\n2,Lima\n3,\"Washington, D.C.\"\n");

        LoadReport report = duckdb.loadFiles("main", List.of("cities"), dir, LoadProgress.NONE);

        assertThat(report.rowCounts()).isEqualTo(Map.of("cities", 3L));
        assertThat(duckdb.describeTable("main", "cities")).containsExactly(
                new Column("id", "BIGINT"), new Column("name", "VARCHAR"));
        assertThat(rows("SELECT name FROM cities WHERE id = 3")).containsExactly(List.of("Washington, D.C."));
    }

    @Test
    void loadsAParquetFile() {
        Path parquet = dir.resolve("numbers.parquet");
        run("COPY (SELECT range AS n, 'v' || range AS label FROM range(7)) TO '" + parquet + "' (FORMAT parquet)");

        LoadReport report = duckdb.loadFiles("main", List.of("numbers"), dir, LoadProgress.NONE);

        assertThat(report.rowCounts()).isEqualTo(Map.of("numbers", 7L));
        assertThat(rows("SELECT sum(n), max(label) FROM numbers")).containsExactly(List.of(new java.math.BigInteger("21"), "v6"));
    }

    @Test
    void loadingSeveralFilesReportsEachTableInOrder() throws Exception {
        Files.writeString(dir.resolve("region.tbl"), REGION_TBL);
        Files.writeString(dir.resolve("cities.csv"), "id,name\n1,Oslo\n");
        List<String> progress = new CopyOnWriteArrayList<>();

        LoadReport report = duckdb.loadFiles("main", List.of("cities", "region"), dir, new LoadProgress() {
            @Override
            public void start(String task, long total) {
                progress.add(task + " " + total);
            }

            @Override
            public void advance(long amount) {
                progress.add("+" + amount);
            }

            @Override
            public void close() {}
        });

        assertThat(report.rowCounts()).containsExactly(Map.entry("cities", 1L), Map.entry("region", 5L));
        assertThat(progress).containsExactly("Loading files 2", "+1", "+1");
    }

    @Test
    void missingFileNamesTheFilesItLookedFor() {
        assertThatThrownBy(() -> duckdb.loadFiles("main", List.of("region"), dir, LoadProgress.NONE))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("no data file for table 'region' in " + dir + ": expected region.tbl, region.csv or region.parquet");
    }

    @Test
    void missingSourceDirectoryIsAOneLineError() {
        Path missing = dir.resolve("nowhere");

        assertThatThrownBy(() -> duckdb.loadFiles("main", List.of("region"), missing, LoadProgress.NONE))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("source directory '" + missing + "' does not exist");
    }

    @Test
    void loadingFilesNeedsTableNames() {
        assertThatThrownBy(() -> duckdb.loadFiles("main", List.of(), dir, LoadProgress.NONE))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("name the tables to load with --tables t1,t2");
    }

    @Test
    void reloadFailureKeepsExistingRows() throws Exception {
        Files.writeString(dir.resolve("region.tbl"), REGION_TBL);
        duckdb.loadFiles("main", List.of("region"), dir, LoadProgress.NONE);
        Path bad = dir.resolve("region.tbl");
        Files.writeString(bad, "zero|AFRICA|not a key|\n");

        assertThatThrownBy(() -> duckdb.loadFiles("main", List.of("region"), dir, LoadProgress.NONE))
                .isInstanceOf(BenchboxException.class)
                .hasMessageStartingWith("cannot load table 'region' from " + bad + ": Conversion Error: ")
                .hasMessageNotContaining("\n");

        assertThat(duckdb.rowCount("main", "region")).isEqualTo(5);
        assertThat(duckdb.listTables("main")).containsExactly("region");
    }

    @Test
    void missingFileForOneTableReplacesNoTable() throws Exception {
        Files.writeString(dir.resolve("region.tbl"), REGION_TBL);
        duckdb.loadFiles("main", List.of("region"), dir, LoadProgress.NONE);
        Files.writeString(dir.resolve("region.tbl"), "0|AFRICA|only one|\n");

        assertThatThrownBy(() -> duckdb.loadFiles("main", List.of("region", "nation"), dir, LoadProgress.NONE))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("no data file for table 'nation' in " + dir + ": expected nation.tbl, nation.csv or nation.parquet");

        assertThat(duckdb.rowCount("main", "region")).isEqualTo(5);
    }

    @Test
    void tblFileForANonTpchTableIsRefused() throws Exception {
        Path tbl = dir.resolve("cities.tbl");
        Files.writeString(tbl, "1|Oslo|\n");

        assertThatThrownBy(() -> duckdb.loadFiles("main", List.of("cities"), dir, LoadProgress.NONE))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("cannot load " + tbl + ": .tbl files are read with the TPC-H layout, and 'cities' is not a "
                        + "TPC-H table (use .csv with a header or .parquet)");
        assertThat(duckdb.listTables("main")).isEmpty();
    }

    @Test
    void loadingFilesIntoAMissingSchemaSaysHowToCreateIt() throws Exception {
        Files.writeString(dir.resolve("region.tbl"), REGION_TBL);

        assertThatThrownBy(() -> duckdb.loadFiles("nope", List.of("region"), dir, LoadProgress.NONE))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("schema 'nope' does not exist: create it with create-schema nope");
    }

    @Test
    void loadsIntoANamedSchema() throws Exception {
        duckdb.createSchema("bench");
        Files.writeString(dir.resolve("region.tbl"), REGION_TBL);

        duckdb.loadFiles("bench", List.of("region"), dir, LoadProgress.NONE);

        assertThat(duckdb.listTables("bench")).containsExactly("region");
        assertThat(duckdb.listTables("main")).isEmpty();
    }

    @Test
    void executeStreamsColumnsAndRowsIntoTheSink() {
        CollectingSink sink = new CollectingSink();

        QuerySummary summary = duckdb.execute("main",
                "SELECT range AS n, 'row ' || range AS label, NULL::VARCHAR AS nothing FROM range(3) ORDER BY n", sink);

        assertThat(sink.columns).containsExactly(
                new Column("n", "BIGINT"), new Column("label", "VARCHAR"), new Column("nothing", "VARCHAR"));
        assertThat(sink.rows).containsExactly(
                java.util.Arrays.asList(0L, "row 0", null),
                java.util.Arrays.asList(1L, "row 1", null),
                java.util.Arrays.asList(2L, "row 2", null));
        assertThat(sink.events).containsExactly("begin", "row", "row", "row", "end");
        assertThat(summary.columns()).isEqualTo(sink.columns);
        assertThat(summary.rowCount()).isEqualTo(3);
    }

    @Test
    void executeRunsStatementsWithoutAResultSet() {
        CollectingSink create = new CollectingSink();

        QuerySummary created = duckdb.execute("main", "CREATE TABLE t (a INTEGER)", create);
        QuerySummary inserted = duckdb.execute("main", "INSERT INTO t VALUES (1), (2)", new CollectingSink());

        assertThat(created.columns()).isEmpty();
        assertThat(created.rowCount()).isZero();
        assertThat(create.events).containsExactly("begin", "end");
        assertThat(create.columns).isEmpty();
        assertThat(inserted.rowCount()).isEqualTo(2);
        assertThat(duckdb.rowCount("main", "t")).isEqualTo(2);
    }

    @Test
    void executeRunsInTheGivenSchema() {
        duckdb.createSchema("bench");
        run("CREATE TABLE bench.t AS SELECT 'bench' AS s");
        run("CREATE TABLE main.t AS SELECT 'main' AS s");

        assertThat(rows("bench", "SELECT s FROM t")).containsExactly(List.of("bench"));
        assertThat(rows("main", "SELECT s FROM t")).containsExactly(List.of("main"));
    }

    @Test
    void schemaChangedByTheUsersOwnSqlDoesNotLeakIntoLaterStatements() {
        run("CREATE SCHEMA other");
        run("USE other");

        run("CREATE TABLE t (a INTEGER)");

        assertThat(duckdb.listTables("main")).containsExactly("t");
        assertThat(duckdb.listTables("other")).isEmpty();
        assertThat(rows("SELECT current_schema()")).containsExactly(List.of("main"));
    }

    @Test
    void sqlErrorIsAOneLineMessageWithThePosition() {
        assertThatThrownBy(() -> duckdb.execute("main", "SELECT * FROMM region", new CollectingSink()))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("Parser Error: syntax error at or near \"region\" (at line 1, column 16)");
    }

    @Test
    void connectionStillWorksAfterAnSqlError() {
        assertThatThrownBy(() -> run("SELECT * FROM missing")).isInstanceOf(BenchboxException.class);

        assertThat(rows("SELECT 42")).containsExactly(List.of(42));
    }

    @Test
    void executingInAMissingSchemaSaysHowToCreateIt() {
        assertThatThrownBy(() -> duckdb.execute("nope", "SELECT 1", new CollectingSink()))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("schema 'nope' does not exist: create it with create-schema nope");
    }

    @Test
    void runBatchRunsWarmupsThenNumberedIterations() {
        List<QueryExecution> heard = new ArrayList<>();
        List<BatchQuery> batch = List.of(new BatchQuery("Q1", "SELECT 42 AS answer"),
                new BatchQuery("Q2", "SELECT range FROM range(2)"));

        List<QueryExecution> executions = duckdb.runBatch("main", batch, 1, 2, 100, heard::add);

        assertThat(executions).extracting(QueryExecution::queryId).containsExactly("Q1", "Q2", "Q1", "Q2", "Q1", "Q2");
        assertThat(executions).extracting(QueryExecution::iteration).containsExactly(0, 0, 1, 1, 2, 2);
        assertThat(executions).extracting(QueryExecution::warmup).containsExactly(true, true, false, false, false, false);
        assertThat(executions).allSatisfy(execution -> {
            assertThat(execution.failed()).isFalse();
            assertThat(execution.elapsedNanos()).isPositive();
        });
        QueryExecution q1 = executions.get(2);
        assertThat(q1.columns()).containsExactly("answer");
        assertThat(q1.rows()).containsExactly(List.of(42));
        assertThat(q1.rowCount()).isEqualTo(1);
        assertThat(executions.get(3).rowCount()).isEqualTo(2);
        assertThat(heard).isEqualTo(executions);
    }

    @Test
    void runBatchRecordsAFailingQueryAndGoesOn() {
        List<BatchQuery> batch = List.of(new BatchQuery("Q1", "SELECT * FROM missing_table"),
                new BatchQuery("Q2", "SELECT 1"));

        List<QueryExecution> executions = duckdb.runBatch("main", batch, 0, 1, 100, execution -> { });

        assertThat(executions).hasSize(2);
        QueryExecution failed = executions.get(0);
        assertThat(failed.failed()).isTrue();
        assertThat(failed.error()).isEqualTo("Catalog Error: Table with name missing_table does not exist! (at line 1, column 15)");
        assertThat(failed.rowCount()).isZero();
        assertThat(failed.rows()).isEmpty();
        assertThat(executions.get(1).failed()).isFalse();
    }

    @Test
    void runBatchKeepsOnlyTheFirstRowsButCountsThemAll() {
        List<QueryExecution> executions = duckdb.runBatch("main",
                List.of(new BatchQuery("Q1", "SELECT range FROM range(10) ORDER BY range")), 0, 1, 3, execution -> { });

        assertThat(executions.get(0).rowCount()).isEqualTo(10);
        assertThat(executions.get(0).rows()).containsExactly(List.of(0L), List.of(1L), List.of(2L));
    }

    @Test
    void interruptingARunningQueryCancelsIt() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                duckdb.execute("main", ENDLESS, new CollectingSink());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "endless-query");

        worker.start();
        awaitInsideDuckDb(worker);
        worker.interrupt();
        worker.join(TimeUnit.MINUTES.toMillis(2));

        assertThat(worker.isAlive()).as("query still running after interrupt").isFalse();
        assertThat(failure.get()).isInstanceOf(BenchboxException.class).hasMessage("query cancelled");
        assertThat(rows("SELECT 1")).containsExactly(List.of(1));
    }

    @Test
    void interruptingALoadCancelsItAndKeepsTheTablesThatWereThere() throws Exception {
        duckdb.load("main", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet(), dev.benchbox.dataset.Scale.of(0.01), List.of(), LoadProgress.NONE);
        CountDownLatch rowsArrived = new CountDownLatch(1);
        AtomicLong appended = new AtomicLong();
        LoadProgress progress = new LoadProgress() {
            @Override
            public void start(String task, long total) { }

            @Override
            public void advance(long amount) {
                appended.addAndGet(amount);
                rowsArrived.countDown();
            }

            @Override
            public void close() { }
        };
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                duckdb.load("main", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet(), dev.benchbox.dataset.Scale.of(1), List.of("lineitem"), progress);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "sf1-load");

        worker.start();
        assertThat(rowsArrived.await(2, TimeUnit.MINUTES)).as("the load started").isTrue();
        worker.interrupt();
        worker.join(TimeUnit.MINUTES.toMillis(2));

        assertThat(worker.isAlive()).as("load still running after interrupt").isFalse();
        assertThat(failure.get()).isInstanceOf(BenchboxException.class)
                .hasMessage("load cancelled: existing tables were left as they were");
        assertThat(appended.get()).as("stopped before the end").isLessThan(6_001_215L);
        // the SF 0.01 lineitem is still there, whole, and the half-filled staging table is gone
        assertThat(rows("SELECT count(*) FROM lineitem")).containsExactly(List.of(60175L));
        assertThat(duckdb.listTables("main")).noneMatch(table -> table.endsWith(StagingTables.SUFFIX));
        assertThat(duckdb.loadedScale("main", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet()).map(dev.benchbox.dataset.Scale::value)).isEqualTo(Optional.of(0.01));
    }

    @Test
    void interruptingABatchCancelsTheRun() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                duckdb.runBatch("main", List.of(new BatchQuery("Q1", ENDLESS), new BatchQuery("Q2", "SELECT 1")), 0, 1, 10,
                        execution -> { });
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "endless-batch");

        worker.start();
        awaitInsideDuckDb(worker);
        worker.interrupt();
        worker.join(TimeUnit.MINUTES.toMillis(2));

        assertThat(worker.isAlive()).as("batch still running after interrupt").isFalse();
        assertThat(failure.get()).isInstanceOf(BenchboxException.class).hasMessage("run cancelled");
    }

    /** Until the worker is inside DuckDB's native execution, so that the interrupt lands mid-query, which is the case tested. */
    private static void awaitInsideDuckDb(Thread worker) {
        Await.until(worker.getName() + " executing in DuckDB", () -> java.util.Arrays.stream(worker.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals("org.duckdb.DuckDBNative") && frame.getMethodName().equals("duckdb_jdbc_execute")));
    }

    @Test
    void parquetLoadsEveryRowAndPutsInsertionOrderBackAsItWas() throws Exception {
        dev.benchbox.dataset.DataSet tpch = dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet();
        dev.benchbox.dataset.Scale scale = dev.benchbox.dataset.Scale.of(0.01);
        Map<String, dev.benchbox.platform.ParquetLoads.Table> files = writeParquet(tpch, scale, "nation", "orders");
        var loads = duckdb.parquetLoads().orElseThrow();

        LoadReport report = loads.loadParquet("main", tpch, scale, files, LoadProgress.NONE);

        assertThat(report.rowCounts()).containsEntry("nation", 25L).containsEntry("orders", 15_000L);
        // the same rows as the files hold, whatever order the unordered insert left them in
        assertThat(rows("SELECT count(*) FROM (SELECT * FROM orders EXCEPT ALL SELECT * FROM read_parquet("
                + sqlList(files.get("orders").files()) + "))")).containsExactly(List.of(0L));
        assertThat(rows("SELECT current_setting('preserve_insertion_order')")).containsExactly(List.of(true));

        run("SET preserve_insertion_order = false");
        loads.loadParquet("main", tpch, scale, files, LoadProgress.NONE);
        assertThat(rows("SELECT current_setting('preserve_insertion_order')")).containsExactly(List.of(false));
    }

    @Test
    void aFailedParquetLoadPutsInsertionOrderBackToo() throws Exception {
        dev.benchbox.dataset.DataSet tpch = dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet();
        dev.benchbox.dataset.Scale scale = dev.benchbox.dataset.Scale.of(0.01);
        Path broken = dir.resolve("broken.parquet");
        Files.writeString(broken, "not parquet");

        assertThatThrownBy(() -> duckdb.parquetLoads().orElseThrow().loadParquet("main", tpch, scale,
                Map.of("nation", new dev.benchbox.platform.ParquetLoads.Table(List.of(broken), 25)), LoadProgress.NONE))
                .isInstanceOf(BenchboxException.class).hasMessageContaining("cannot load TPC-H from Parquet");

        assertThat(rows("SELECT current_setting('preserve_insertion_order')")).containsExactly(List.of(true));
        assertThat(duckdb.listTables("main")).isEmpty();
    }

    /** The tables generated into a scratch DuckDB and written as one Parquet file each, with their row counts. */
    private Map<String, dev.benchbox.platform.ParquetLoads.Table> writeParquet(dev.benchbox.dataset.DataSet dataSet,
            dev.benchbox.dataset.Scale scale, String... tables) {
        Map<String, dev.benchbox.platform.ParquetLoads.Table> files = new java.util.LinkedHashMap<>();
        try (DuckDbPlatform scratch = DuckDbPlatform.open(null)) {
            scratch.load("main", dataSet, scale, List.of(tables), LoadProgress.NONE);
            for (String table : tables) {
                Path file = dir.resolve(table + ".parquet");
                scratch.execute("main", "COPY " + table + " TO '" + file + "' (FORMAT parquet)", new CollectingSink());
                files.put(table, new dev.benchbox.platform.ParquetLoads.Table(List.of(file), scratch.rowCount("main", table)));
            }
        }
        return files;
    }

    private static String sqlList(List<Path> files) {
        return "[" + String.join(", ", files.stream().map(f -> "'" + f + "'").toList()) + "]";
    }

    private void run(String sql) {
        duckdb.execute("main", sql, new CollectingSink());
    }

    private List<List<?>> rows(String sql) {
        return rows("main", sql);
    }

    private List<List<?>> rows(String schema, String sql) {
        CollectingSink sink = new CollectingSink();
        duckdb.execute(schema, sql, sink);
        return sink.rows;
    }

    /** Keeps what the platform streams, in order. */
    private static final class CollectingSink implements RowSink {
        final List<String> events = new ArrayList<>();
        List<Column> columns;
        final List<List<?>> rows = new ArrayList<>();

        @Override
        public void begin(List<Column> columns) {
            events.add("begin");
            this.columns = columns;
        }

        @Override
        public void row(List<?> values) {
            events.add("row");
            rows.add(java.util.Collections.unmodifiableList(new ArrayList<>(values)));
        }

        @Override
        public void end() {
            events.add("end");
        }
    }
}
