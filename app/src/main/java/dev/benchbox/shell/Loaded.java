package dev.benchbox.shell;

import dev.benchbox.benchmark.Benchmark;
import dev.benchbox.benchmark.Benchmarks;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.Platform;
import java.util.Optional;

/**
 * The benchmark data set a schema holds, asked of the platform for each registered benchmark in turn: the first whose
 * tables all record one scale. When none does, the first registered benchmark with no scale.
 *
 * @param benchmark the benchmark whose data is loaded (or the first registered one)
 * @param scale     the scale it holds; empty when no benchmark's data set is complete there
 */
record Loaded(Benchmark benchmark, Optional<Scale> scale) {
    static Loaded in(Platform platform, String schema) {
        for (Benchmark benchmark : Benchmarks.all()) {
            Optional<Scale> scale = platform.loadedScale(schema, benchmark.dataSet());
            if (scale.isPresent()) {
                return new Loaded(benchmark, scale);
            }
        }
        return new Loaded(Benchmarks.all().get(0), Optional.empty());
    }

    /** {@code  (TPC-H SF1 loaded)} for {@code status}; empty when nothing is. */
    String describe() {
        return scale.map(sf -> " (" + benchmark.title() + " SF" + sf.text() + " loaded)").orElse("");
    }
}
