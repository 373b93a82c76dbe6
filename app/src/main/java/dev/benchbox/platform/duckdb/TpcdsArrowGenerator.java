package dev.benchbox.platform.duckdb;

import dev.benchbox.tpcds.TpcdsGeneration;
import dev.benchbox.tpcds.TpcdsSchema;
import io.trino.tpcds.Scaling;
import io.trino.tpcds.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * io.trino.tpcds as Arrow streams, in chunks ({@code Session.withParallelism(n).withChunkNumber(k)}, as dsdgen's
 * {@code -parallel} / {@code -child}). A sales table and its returns come out of one generator, so one chunk of a
 * sales table feeds both tables' streams ({@link TpcdsArrowPart}); asking for only one of them still runs the
 * generator once and drops the other's rows.
 */
final class TpcdsArrowGenerator implements ArrowGenerator {
    static final TpcdsArrowGenerator INSTANCE = new TpcdsArrowGenerator();
    /** Below this many rows a table is one chunk: chunking has a fixed cost and small tables are quick. */
    private static final long CHUNK_ROWS = 200_000;

    private TpcdsArrowGenerator() {
    }

    @Override
    public String title() {
        return "TPC-DS";
    }

    @Override
    public String createTableSql(String qualifiedName, String table) {
        return TpcdsSchema.createTableSql(qualifiedName, table);
    }

    @Override
    public List<Part> parts(List<String> tables, double scale, int threads) {
        Scaling scaling = new Scaling(scale);
        Set<Table> generators = new LinkedHashSet<>();
        for (String name : tables) {
            generators.add(TpcdsGeneration.generator(TpcdsSchema.table(name)));
        }
        List<Part> parts = new ArrayList<>();
        for (Table table : generators) {
            List<String> fed = new ArrayList<>();
            if (tables.contains(table.getName())) {
                fed.add(table.getName());
            }
            if (table.hasChild() && tables.contains(table.getChild().getName())) {
                fed.add(table.getChild().getName());
            }
            long rows = scaling.getRowCount(table);
            int chunkCount = table.isSmall() || rows < CHUNK_ROWS ? 1
                    : (int) Math.max(1, Math.min(threads * 4L, rows / CHUNK_ROWS));
            for (int chunk = 1; chunk <= chunkCount; chunk++) {
                int number = chunk;
                // the generator's rows in this chunk, for ordering and progress (the chunks' counts add up to the table's)
                long chunkRows = rows / chunkCount + (chunk == chunkCount ? rows % chunkCount : 0);
                parts.add(new Part("tpcds_" + table.getName() + "_part" + chunk, fed, chunkRows,
                        (allocator, progress, cancelled) -> new TpcdsArrowPart(table, fed, scale, number, chunkCount,
                                allocator, progress, cancelled).streams()));
            }
        }
        // biggest first, so the small ones fill the gaps at the end
        parts.sort(Comparator.comparingLong(Part::rows).reversed());
        return parts;
    }
}
