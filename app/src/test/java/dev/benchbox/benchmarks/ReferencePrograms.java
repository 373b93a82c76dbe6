package dev.benchbox.benchmarks;

import dev.benchbox.tpch.TpchQueries;
import dev.benchbox.tpch.TpchQuery;
import dev.benchbox.tpch.TpchSchema;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;

/**
 * The reference side of scripts/bench-local: what the shell is measured against.
 * <ul>
 *   <li>{@code generate SF [THREADS]}: io.trino.tpch generating every TPC-H table, rows discarded, on one thread
 *       (default) or cut into parts on THREADS threads the way the DuckDB loader cuts them: the floor of any load
 *       that uses this generator on that many cores;</li>
 *   <li>{@code tpcds-generate SF [THREADS]}: io.trino.tpcds generating every TPC-DS table, rows discarded, on one
 *       thread (default) or in chunks on THREADS threads the way the DuckDB loader cuts them: the floor of a load on
 *       that many cores (for scripts/bench-tpcds);</li>
 *   <li>{@code tpcds-arrow SF THREADS}: the DuckDB loader's parts on THREADS threads, generated and converted to
 *       Arrow batches, the batches dropped: a load without DuckDB's inserts (for scripts/bench-tpcds's profile);</li>
 *   <li>{@code jdbc DBFILE WARMUPS ITERATIONS}: a bare JDBC loop over the 22 queries on a DuckDB file,
 *       reading every row, printing the summed measured query time, then per query and per iteration;
 *       {@code BENCH_NULL_ORDER} sets DuckDB's {@code default_null_order} as the shell does (a check that it costs nothing).</li>
 * </ul>
 * Not a test: run by the benchmark script with the test classpath.
 */
public final class ReferencePrograms {
    private ReferencePrograms() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Double.parseDouble(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 1);
            case "jdbc" -> jdbc(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "tpcds-generate" -> tpcdsGenerate(Double.parseDouble(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 1);
            case "tpcds-arrow" -> tpcdsArrow(Double.parseDouble(args[1]), Integer.parseInt(args[2]));
            case "refresh-data" -> refreshData(Double.parseDouble(args[1]), Integer.parseInt(args[2]), java.nio.file.Path.of(args[3]));
            default -> throw new IllegalArgumentException(
                    "usage: generate SF [THREADS] | jdbc DBFILE WARMUPS ITERATIONS | tpcds-generate SF [THREADS] | tpcds-arrow SF THREADS"
                            + " | refresh-data SF SETS DIR");
        }
    }

    /** The update sets of {@code dbgen -s SF -U SETS}, written as dbgen names them, for comparison with its files. */
    private static void refreshData(double scale, int sets, java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir);
        dev.benchbox.tpch.TpchRefreshData data = new dev.benchbox.tpch.TpchRefreshData(scale);
        for (int set = 1; set <= sets; set++) {
            dev.benchbox.tpch.TpchRefreshData.RefreshSet refresh = data.set(set);
            java.nio.file.Files.write(dir.resolve("orders.tbl.u" + set), refresh.orders());
            java.nio.file.Files.write(dir.resolve("lineitem.tbl.u" + set), refresh.lineItems());
            java.nio.file.Files.write(dir.resolve("delete." + set), refresh.deletedKeys().stream().map(key -> key + "|").toList());
        }
    }

    private static void generate(double scale, int threads) throws Exception {
        long started = System.nanoTime();
        java.util.concurrent.atomic.AtomicLong rows = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<?>> parts = new java.util.ArrayList<>();
            for (String name : TpchSchema.TABLES) {
                TpchTable<?> table = TpchTable.getTable(name);
                // the same cut as the loader: several parts per thread for the big tables
                int partCount = threads == 1 ? 1 : partCount(name, scale, threads);
                for (int part = 1; part <= partCount; part++) {
                    int thisPart = part;
                    parts.add(pool.submit(() -> {
                        long count = 0;
                        for (TpchEntity ignored : table.createGenerator(scale, thisPart, partCount)) {
                            count++;
                        }
                        rows.addAndGet(count);
                    }));
                }
            }
            for (java.util.concurrent.Future<?> part : parts) {
                part.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "generated %d rows on %d thread(s) in %.3f s%n", rows.get(), threads,
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * io.trino.tpcds generating every TPC-DS table, its values read as the loader reads them (the fact tables' from
     * the row objects, {@code TpcdsTypedRows}; the others' as text fields), rows discarded: the generator's own cost.
     * On one thread, one pass per table; on more, each big table in chunks
     * ({@code Session.withParallelism(n).withChunkNumber(k)}) cut as the DuckDB loader cuts them, biggest first.
     */
    private static void tpcdsGenerate(double scale, int threads) throws Exception {
        long started = System.nanoTime();
        java.util.concurrent.atomic.AtomicLong rows = new java.util.concurrent.atomic.AtomicLong();
        io.trino.tpcds.Scaling scaling = new io.trino.tpcds.Scaling(scale);
        java.util.List<long[]> chunks = new java.util.ArrayList<>(); // {table ordinal, chunk, chunks, rows}
        io.trino.tpcds.Table[] tables = io.trino.tpcds.Table.values();
        for (io.trino.tpcds.Table table : io.trino.tpcds.Table.getBaseTables()) {
            if (table.isChild() || table == io.trino.tpcds.Table.DBGEN_VERSION) {
                continue; // generated with its parent (returns with their sales); the version table is no part of the data
            }
            long count = scaling.getRowCount(table);
            int chunkCount = threads == 1 || table.isSmall() || count < 200_000 ? 1
                    : (int) Math.max(1, Math.min(threads * 4L, count / 200_000));
            for (int chunk = 1; chunk <= chunkCount; chunk++) {
                chunks.add(new long[] {table.ordinal(), chunk, chunkCount, count / chunkCount});
            }
        }
        chunks.sort((a, b) -> Long.compare(b[3], a[3]));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (long[] chunk : chunks) {
                futures.add(pool.submit(() -> {
                    io.trino.tpcds.Session session = io.trino.tpcds.Session.getDefaultSession().withScale(scale)
                            .withParallelism((int) chunk[2]).withChunkNumber((int) chunk[1]);
                    io.trino.tpcds.Table table = tables[(int) chunk[0]];
                    ValueCount values = new ValueCount();
                    java.util.Optional<dev.benchbox.tpcds.TpcdsTypedRows.Reader> parent = dev.benchbox.tpcds.TpcdsTypedRows.reader(table);
                    java.util.Optional<dev.benchbox.tpcds.TpcdsTypedRows.Reader> child = table.hasChild()
                            ? dev.benchbox.tpcds.TpcdsTypedRows.reader(table.getChild()) : java.util.Optional.empty();
                    long count = 0;
                    for (java.util.Iterator<java.util.List<io.trino.tpcds.row.TableRow>> steps
                            = dev.benchbox.tpcds.TpcdsTypedRows.rows(table, session); steps.hasNext(); ) {
                        java.util.List<io.trino.tpcds.row.TableRow> group = steps.next();
                        for (int i = 0; i < group.size(); i++) {
                            java.util.Optional<dev.benchbox.tpcds.TpcdsTypedRows.Reader> reader = i == 0 ? parent : child;
                            if (reader.isPresent()) {
                                reader.get().read(group.get(i), values);
                            } else {
                                values.total += group.get(i).getValues().size();
                            }
                        }
                        count += group.size();
                    }
                    rows.addAndGet(count + (values.total == 42 ? 1 : 0)); // the values used, so not optimised away
                }));
            }
            for (java.util.concurrent.Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "generated %d rows on %d threads in %.3f s%n", rows.get(), threads,
                (System.nanoTime() - started) / 1e9);
    }

    /** A typed row's values, added up so that reading them is not optimised away. */
    private static final class ValueCount implements dev.benchbox.tpcds.TpcdsTypedRows.Sink {
        long total;

        @Override
        public void setNull(int column) {
            total++;
        }

        @Override
        public void setLong(int column, long value) {
            total += value;
        }

        @Override
        public void setInt(int column, int value) {
            total += value;
        }

        @Override
        public void setDecimal(int column, long unscaled) {
            total += unscaled;
        }
    }

    /** The DuckDB loader's TPC-DS parts, generated and converted to Arrow batches on THREADS threads, batches dropped. */
    private static void tpcdsArrow(double scale, int threads) throws Exception {
        long started = System.nanoTime();
        long rows = dev.benchbox.platform.duckdb.ArrowGenerationProbe.tpcdsToArrow(scale, threads);
        System.out.printf(Locale.ROOT, "generated and converted %d rows on %d threads in %.3f s%n", rows, threads,
                (System.nanoTime() - started) / 1e9);
    }

    private static int partCount(String table, double scale, int threads) {
        long rows = switch (table) {
            case "region", "nation" -> 25;
            case "supplier" -> (long) (10_000 * scale);
            case "customer" -> (long) (150_000 * scale);
            case "part" -> (long) (200_000 * scale);
            case "partsupp" -> (long) (800_000 * scale);
            case "orders" -> (long) (1_500_000 * scale);
            default -> (long) (6_001_215 * scale);
        };
        return rows < 100_000 ? 1 : Math.max(1, (int) Math.min(threads * 4L, rows / 50_000));
    }

    /** The CPU time of the whole process (DuckDB's threads included), as the shell measures it. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    private static void jdbc(String file, int warmups, int iterations) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("autoinstall_known_extensions", "false");
        if (System.getenv("BENCH_NULL_ORDER") != null) {
            properties.setProperty("default_null_order", System.getenv("BENCH_NULL_ORDER"));
        }
        long measuredNanos = 0;
        long measuredCpuNanos = 0;
        long compilingMillis = 0;
        java.util.Map<String, Long> byQuery = new java.util.LinkedHashMap<>();
        java.util.List<Long> byRound = new java.util.ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file, properties)) {
            for (int round = 0; round < warmups + iterations; round++) {
                for (TpchQuery query : TpchQueries.all()) {
                    long cpuBefore = processCpuNanos();
                    long compilingBefore = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                    long started = System.nanoTime();
                    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query.sql())) {
                        int width = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= width; i++) {
                                rs.getObject(i);
                            }
                        }
                    }
                    if (round >= warmups) {
                        long nanos = System.nanoTime() - started;
                        measuredNanos += nanos;
                        measuredCpuNanos += processCpuNanos() - cpuBefore;
                        compilingMillis += java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime()
                                - compilingBefore;
                        byQuery.merge("Q" + query.number(), nanos, Long::sum);
                        if (byRound.size() == round - warmups) {
                            byRound.add(0L);
                        }
                        byRound.set(round - warmups, byRound.get(round - warmups) + nanos);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "query time %.3f ms%n", measuredNanos / 1e6);
        // the shell logs the same figure (DuckDbPlatform: "process cpu N ms during it")
        System.out.printf(Locale.ROOT, "process cpu during the queries %.0f ms%n", measuredCpuNanos / 1e6);
        System.out.printf(Locale.ROOT, "JIT compiling during the queries %d ms%n", compilingMillis);
        // per query, summed over the measured rounds: what a gap to the shell's run is made of
        byQuery.forEach((id, nanos) -> System.out.printf(Locale.ROOT, "%s %.1f ms%n", id, nanos / 1e6));
        for (int i = 0; i < byRound.size(); i++) {
            System.out.printf(Locale.ROOT, "iteration %d %.1f ms%n", i + 1, byRound.get(i) / 1e6);
        }
    }
}
