package dev.benchbox.bench;

import dev.benchbox.BenchboxException;
import dev.benchbox.benchmark.Benchmark;
import dev.benchbox.benchmark.TpchBenchmark;
import dev.benchbox.tpch.ValidationMode;
import java.util.List;

/**
 * A power run (or throughput test) of a benchmark as asked for.
 *
 * @param scaleFactor TPC-H scale factor (positive)
 * @param queries query numbers in run order
 * @param warmups unmeasured rounds before the measured ones
 * @param iterations measured rounds (at least one)
 * @param validation how answers are checked
 * @param streams concurrent query streams: 1 is a power run, more a throughput test
 * @param benchmark TPC-H or TPC-DS
 * @param viaSession run the queries through the platform's open interactive session, one by one and timed as a
 *                   user waits for them, instead of its usual way (one job run per stream on EMR Serverless)
 * @param force      generate the data even where this machine looks too small to hold it ({@link ResourceGuard})
 * @param seed       the seed of the performance tests' query parameters (the benchmark's stream 0 with them, in its
 *                   order); null: the validation parameters, in number order
 */
public record PowerRunRequest(double scaleFactor, List<Integer> queries, int warmups, int iterations, ValidationMode validation,
        int streams, Benchmark benchmark, boolean viaSession, boolean force, Long seed) {
    /**
     * Measured rounds when none are asked for: what {@code compare} needs to tell a change from noise. It judges a
     * query on at least 3 warm samples a run, and the first, cold round is set apart; 5 gives 4 warm samples, on
     * which its false-discovery rate is set (a 50% slower query is caught even with one outlier), and is what DuckDB's
     * regression runner repeats. On EMR Serverless the rounds run in the one job run of each stream, so start-up and
     * each worker's minimum minute are paid once: only query time grows.
     */
    public static final String DEFAULT_ITERATIONS = "5";

    public PowerRunRequest {
        queries = List.copyOf(queries);
        java.util.Objects.requireNonNull(benchmark, "benchmark is null");
        if (!(scaleFactor > 0)) {
            throw new BenchboxException("invalid scale factor " + scaleFactor + ": it must be greater than 0");
        }
        if (queries.isEmpty()) {
            throw new BenchboxException("no queries selected");
        }
        if (warmups < 0) {
            throw new BenchboxException("invalid --warmup " + warmups + ": expected 0 or more");
        }
        if (streams < 1 || streams > 64) {
            throw new BenchboxException("invalid --streams " + streams + ": expected 1 to 64");
        }
        if (iterations < 1) {
            throw new BenchboxException("invalid --iterations " + iterations + ": expected 1 or more");
        }
        if (viaSession && streams > 1) {
            throw new BenchboxException("--via session runs one stream: a throughput test (--streams) runs as job runs");
        }
    }

    /** A run with the validation parameters. */
    public PowerRunRequest(double scaleFactor, List<Integer> queries, int warmups, int iterations, ValidationMode validation,
            int streams, Benchmark benchmark, boolean viaSession, boolean force) {
        this(scaleFactor, queries, warmups, iterations, validation, streams, benchmark, viaSession, force, null);
    }

    /**
     * The same run with the performance tests' query parameters drawn from {@code seed} (null: validation ones). Their
     * answers have no reference answers, so a seeded run checks them only against DuckDB's on the same data
     * ({@code --validate cross}), and otherwise not at all.
     */
    public PowerRunRequest seeded(Long seed) {
        ValidationMode checked = seed == null || validation == ValidationMode.CROSS ? validation : ValidationMode.OFF;
        return new PowerRunRequest(scaleFactor, queries, warmups, iterations, checked, streams, benchmark, viaSession, force, seed);
    }

    /** A run the platform's usual way. */
    public PowerRunRequest(double scaleFactor, List<Integer> queries, int warmups, int iterations, ValidationMode validation,
            int streams, Benchmark benchmark) {
        this(scaleFactor, queries, warmups, iterations, validation, streams, benchmark, false, false);
    }

    /** The same run through the open interactive session. */
    public PowerRunRequest viaOpenSession() {
        return new PowerRunRequest(scaleFactor, queries, warmups, iterations, validation, streams, benchmark, true, force, seed);
    }

    /** The same run, generating its data even where the machine looks too small ({@code --force}). */
    public PowerRunRequest forced(boolean force) {
        return new PowerRunRequest(scaleFactor, queries, warmups, iterations, validation, streams, benchmark, viaSession, force, seed);
    }

    /** A TPC-H run. */
    public PowerRunRequest(double scaleFactor, List<Integer> queries, int warmups, int iterations, ValidationMode validation,
            int streams) {
        this(scaleFactor, queries, warmups, iterations, validation, streams, new TpchBenchmark());
    }

    /** A TPC-H power run: one stream. */
    public PowerRunRequest(double scaleFactor, List<Integer> queries, int warmups, int iterations, ValidationMode validation) {
        this(scaleFactor, queries, warmups, iterations, validation, 1);
    }
}
