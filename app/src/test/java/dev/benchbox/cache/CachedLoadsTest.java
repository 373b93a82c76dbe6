package dev.benchbox.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.benchmark.Benchmarks;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.platform.RowSink;
import dev.benchbox.platform.duckdb.DuckDbParquetGenerator;
import dev.benchbox.platform.duckdb.DuckDbPlatform;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated loads through the cache into a real DuckDB, with real generated Parquet, for data sets of any kind. */
class CachedLoadsTest {
    private static final Scale SF = Scale.of(0.01);

    @TempDir
    Path home;

    private CachedLoads loads() {
        return new CachedLoads(new DataCache(home.resolve("data"), new DuckDbParquetGenerator(), Clock.systemUTC()));
    }

    private LoadReport load(DataSet dataSet, List<String> tables) {
        try (DuckDbPlatform duckdb = DuckDbPlatform.open(null)) {
            LoadReport report = loads().load(duckdb.parquetLoads().orElseThrow(), "main", dataSet, SF, tables, LoadProgress.NONE);
            assertThat(duckdb.loadedScale("main", dataSet).map(Scale::text)).isEqualTo(tables.isEmpty() ? Optional.of("0.01") : Optional.empty());
            assertThat(report.rowCounts()).isEqualTo(counts(duckdb, report.rowCounts().keySet()));
            return report;
        }
    }

    private static Map<String, Long> counts(DuckDbPlatform duckdb, java.util.Set<String> tables) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        tables.forEach(t -> counts.put(t, duckdb.rowCount("main", t)));
        return counts;
    }

    @Test
    void tpchIsGeneratedOnceThenReadFromParquetWithTheSameRows() {
        DataSet tpch = Benchmarks.get("tpch").dataSet();
        LoadReport first = load(tpch, List.of());
        assertThat(first.notes()).singleElement().asString().startsWith("Data cache: generated TPC-H SF0.01 and kept it (8 tables, ");
        LoadReport second = load(tpch, List.of());
        assertThat(second.notes()).singleElement().asString().startsWith("Data cache: reused TPC-H SF0.01 (8 tables, ");
        assertThat(second.rowCounts()).isEqualTo(first.rowCounts()).containsEntry("lineitem", 60_175L).containsEntry("orders", 15_000L);
        // the same rows, not only as many: a checksum over every column of a table
        try (DuckDbPlatform fromCache = DuckDbPlatform.open(null); DuckDbPlatform generated = DuckDbPlatform.open(null)) {
            loads().load(fromCache.parquetLoads().orElseThrow(), "main", tpch, SF, List.of("orders"), LoadProgress.NONE);
            generated.load("main", tpch, SF, List.of("orders"), LoadProgress.NONE);
            String digest = "SELECT sum(hash(o_orderkey, o_custkey, o_orderstatus, o_totalprice, o_orderdate, o_comment)) FROM orders";
            assertThat(first(fromCache, digest)).isEqualTo(first(generated, digest));
        }
    }

    @Test
    void aDamagedParquetFileIsGeneratedAgainNotLoaded() throws IOException {
        DataSet tpch = Benchmarks.get("tpch").dataSet();
        load(tpch, List.of("nation", "region"));
        Path file = home.resolve("data/tpch/sf0.01/nation/part-0.parquet");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(file) / 2); // a partial file, as a full disk or a killed copy leaves
        }
        LoadReport again = load(tpch, List.of("nation", "region"));
        assertThat(again.notes().get(0)).startsWith("Data cache: nation of TPC-H SF0.01 failed its check (part-0.parquet holds ");
        assertThat(again.notes().get(1)).startsWith("Data cache: reused 1 table and generated 1 table of TPC-H SF0.01");
        assertThat(again.rowCounts()).containsEntry("nation", 25L).containsEntry("region", 5L);
    }

    @Test
    void aPlatformThatOnlyReadsParquetGetsFilesTheCacheGenerated() {
        // as the EMR Serverless local path does: it uploads the files, it cannot generate into itself
        DataSet tpch = Benchmarks.get("tpch").dataSet();
        try (DuckDbPlatform duckdb = DuckDbPlatform.open(null)) {
            dev.benchbox.platform.ParquetLoads readsOnly = duckdb.parquetLoads().orElseThrow()::loadParquet;
            LoadReport report = loads().load(readsOnly, "main", tpch, SF, List.of("orders", "customer"), LoadProgress.NONE);
            assertThat(report.notes()).singleElement().asString().startsWith("Data cache: generated TPC-H SF0.01 and kept it (2 tables, ");
            assertThat(report.rowCounts()).containsExactly(Map.entry("orders", 15_000L), Map.entry("customer", 1_500L));
            assertThat(counts(duckdb, report.rowCounts().keySet())).isEqualTo(report.rowCounts());
        }
        assertThat(home.resolve("data/tpch/sf0.01/orders/part-0.parquet")).isRegularFile();
    }

    @Test
    void aLoadWhoseDataCannotBeKeptStillLoadsAndSaysSo() {
        DataSet tpch = Benchmarks.get("tpch").dataSet();
        try (DuckDbPlatform duckdb = DuckDbPlatform.open(null)) {
            // loads the tables but leaves no files for the cache (as a full disk would)
            dev.benchbox.platform.ParquetLoads writesNothing = new dev.benchbox.platform.ParquetLoads() {
                @Override
                public LoadReport loadParquet(String schema, DataSet dataSet, Scale scale, Map<String, Table> tables, LoadProgress progress) {
                    throw new AssertionError("nothing was cached to read");
                }

                @Override
                public Optional<LoadReport> loadAndWrite(String schema, DataSet dataSet, Scale scale, List<String> tables, Path dir,
                        LoadProgress progress) {
                    return Optional.of(duckdb.load(schema, dataSet, scale, tables, progress));
                }
            };
            LoadReport report = loads().load(writesNothing, "main", tpch, SF, List.of("region"), LoadProgress.NONE);
            assertThat(report.rowCounts()).containsExactly(Map.entry("region", 5L));
            assertThat(report.notes()).singleElement().asString().startsWith("Data cache: TPC-H SF0.01 loaded but not kept (cannot write ");
            assertThat(duckdb.rowCount("main", "region")).isEqualTo(5);
        }
        assertThat(home.resolve("data/tpch/sf0.01")).doesNotExist();
    }

    @Test
    void tpcdsIsCachedAndReadBackWithItsTypes() {
        DataSet tpcds = Benchmarks.get("tpcds").dataSet();
        List<String> tables = List.of("store", "item");
        LoadReport first = load(tpcds, tables);
        LoadReport second = load(tpcds, tables);
        assertThat(first.notes().get(0)).startsWith("Data cache: generated TPC-DS SF0.01 and kept it (2 tables, ");
        assertThat(second.notes().get(0)).startsWith("Data cache: reused TPC-DS SF0.01 (2 tables, ");
        assertThat(second.rowCounts()).isEqualTo(first.rowCounts());
        try (DuckDbPlatform duckdb = DuckDbPlatform.open(null)) {
            loads().load(duckdb.parquetLoads().orElseThrow(), "main", tpcds, SF, List.of("store"), LoadProgress.NONE);
            assertThat(duckdb.describeTable("main", "store")).isEqualTo(tpcdsColumns(tpcds, "store"));
        }
    }

    private static List<dev.benchbox.dataset.Column> tpcdsColumns(DataSet tpcds, String table) {
        try (DuckDbPlatform direct = DuckDbPlatform.open(null)) {
            direct.load("main", tpcds, SF, List.of(table), LoadProgress.NONE);
            return direct.describeTable("main", table);
        }
    }

    @Test
    void aDataSetThatBringsItsOwnRowsIsCachedToo() {
        DataSet tiny = Benchmarks.get("tiny").dataSet();
        LoadReport first = load(tiny, List.of());
        LoadReport second = load(tiny, List.of());
        assertThat(first.notes().get(0)).startsWith("Data cache: generated Tiny SF0.01");
        assertThat(second.notes().get(0)).startsWith("Data cache: reused Tiny SF0.01 (1 table, ");
        assertThat(second.rowCounts()).isEqualTo(first.rowCounts()).containsEntry("tiny_items", 1L);
        assertThat(new DataCache(home.resolve("data"), new DuckDbParquetGenerator(), Clock.systemUTC()).entries())
                .extracting(DataCache.Entry::dataSet).containsExactly("tiny");
    }

    private static Object first(DuckDbPlatform duckdb, String sql) {
        List<Object> values = new ArrayList<>();
        duckdb.execute("main", sql, new RowSink() {
            @Override
            public void begin(List<dev.benchbox.dataset.Column> columns) {
            }

            @Override
            public void row(List<?> row) {
                values.add(row.get(0));
            }

            @Override
            public void end() {
            }
        });
        return values.get(0);
    }
}
