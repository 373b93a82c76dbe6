package dev.benchbox.platform.duckdb;

import dev.benchbox.tpch.TpchRowCounts;
import dev.benchbox.tpch.TpchSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * io.trino.tpch as Arrow streams: each table on its own, big tables cut into several parts per core
 * ({@code createGenerator(scale, part, partCount)}, as dbgen's {@code -C/-S}) so the cores stay busy to the end.
 */
final class TpchArrowGenerator implements ArrowGenerator {
    static final TpchArrowGenerator INSTANCE = new TpchArrowGenerator();

    private TpchArrowGenerator() {
    }

    @Override
    public String title() {
        return "TPC-H";
    }

    @Override
    public String createTableSql(String qualifiedName, String table) {
        return TpchSchema.createTableSql(qualifiedName, table);
    }

    @Override
    public List<Part> parts(List<String> tables, double scale, int threads) {
        List<Part> parts = new ArrayList<>();
        for (String table : tables) {
            long rows = TpchRowCounts.expected(table, scale);
            int partCount = rows < 100_000 ? 1 : Math.max(1, (int) Math.min(threads * 4L, rows / 50_000));
            for (int part = 1; part <= partCount; part++) {
                int number = part;
                parts.add(new Part("tpch_" + table + "_part" + part, List.of(table), rows / partCount + (part == 1 ? rows % partCount : 0),
                        (allocator, progress, cancelled) -> List.of(new TpchArrowBatches(allocator, TpchSchema.table(table),
                                scale, number, partCount, progress, cancelled))));
            }
        }
        return parts;
    }
}
