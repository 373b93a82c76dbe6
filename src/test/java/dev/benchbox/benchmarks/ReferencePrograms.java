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
 *   <li>{@code generate SF}: io.trino.tpch generating every TPC-H table single-threaded, rows discarded
 *       (the floor of any load that uses this generator on one core);</li>
 *   <li>{@code jdbc DBFILE WARMUPS ITERATIONS}: a bare JDBC loop over the 22 queries on a DuckDB file,
 *       reading every row, printing the summed measured query time.</li>
 * </ul>
 * Not a test: run by the benchmark script with the test classpath.
 */
public final class ReferencePrograms {
    private ReferencePrograms() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Double.parseDouble(args[1]));
            case "jdbc" -> jdbc(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("usage: generate SF | jdbc DBFILE WARMUPS ITERATIONS");
        }
    }

    private static void generate(double scale) {
        long started = System.nanoTime();
        long rows = 0;
        for (String name : TpchSchema.TABLES) {
            TpchTable<?> table = TpchTable.getTable(name);
            for (TpchEntity ignored : table.createGenerator(scale, 1, 1)) {
                rows++;
            }
        }
        System.out.printf(Locale.ROOT, "generated %d rows in %.3f s%n", rows, (System.nanoTime() - started) / 1e9);
    }

    private static void jdbc(String file, int warmups, int iterations) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("autoinstall_known_extensions", "false");
        long measuredNanos = 0;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file, properties)) {
            for (int round = 0; round < warmups + iterations; round++) {
                for (TpchQuery query : TpchQueries.all()) {
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
                        measuredNanos += System.nanoTime() - started;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "query time %.3f ms%n", measuredNanos / 1e6);
    }
}
