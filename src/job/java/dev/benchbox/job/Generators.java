package dev.benchbox.job;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The benchmarks whose data the job can generate, by the manifest's {@code benchmark} name. A second benchmark
 * (TPC-DS: io.trino.tpcds, {@code Session.withParallelism(n).withChunkNumber(k)}) plugs in as one more
 * {@link Generator}: parts, Parquet files, markers and resume stay the job's business.
 */
final class Generators {
    private static final Map<String, Supplier<Generator>> GENERATORS = Map.of("tpch", TpchGenerator::new);

    private Generators() {
    }

    /** Receives one generated row at a time; the array is reused, its values typed as {@link GenerationManifest.Kind} says. */
    @FunctionalInterface
    interface RowSink {
        void row(Object[] values) throws java.io.IOException;
    }

    /**
     * Generates one part of one table. Values by column kind: BIGINT {@code Long}, INT and DATE (days since
     * 1970-01-01) {@code Integer}, DECIMAL the unscaled {@code Long}, STRING {@code String}; null for SQL NULL.
     * The same part must give the same rows, in primary-key order, every time.
     */
    interface Generator extends Serializable {
        /** Checks the declared columns fit the generator's (names and types), before anything runs. */
        void check(String table, List<GenerationManifest.Column> columns);

        /** Generates part {@code part} (1-based) of {@code parts}; returns the number of rows. */
        long generate(String table, double scale, int part, int parts, List<GenerationManifest.Column> columns, RowSink sink)
                throws java.io.IOException;
    }

    static Generator forBenchmark(String benchmark) {
        Supplier<Generator> generator = GENERATORS.get(benchmark);
        if (generator == null) {
            throw new IllegalArgumentException("no generator for benchmark \"" + benchmark + "\": expected one of "
                    + String.join(", ", GENERATORS.keySet()));
        }
        return generator.get();
    }
}
