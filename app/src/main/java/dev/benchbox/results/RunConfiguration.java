package dev.benchbox.results;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The whole configuration that produced a run, in one place: the engine as its platform describes it, and what
 * was asked of it. Two runs with equal configurations measure the same thing; where they differ is what a
 * comparison compares.
 *
 * @param engine the engine and its resources
 * @param benchmark e.g. {@code tpch}
 * @param scaleFactor the benchmark's scale factor
 * @param queries query ids in run order
 * @param warmups unmeasured rounds
 * @param iterations measured rounds
 * @param streams concurrent streams (1: a power run)
 * @param validation how answers were checked: {@code exact}, {@code rowcount} or {@code off}
 * @param shellVersion the BenchBox Shell version that ran it
 */
public record RunConfiguration(EngineConfiguration engine, String benchmark, double scaleFactor, List<String> queries, int warmups,
        int iterations, int streams, String validation, String shellVersion) {
    public RunConfiguration {
        requireNonNull(engine, "engine is null");
        requireNonNull(benchmark, "benchmark is null");
        queries = List.copyOf(queries);
    }

    /**
     * The configuration of a results file written before configurations were recorded: what its other sections
     * say (platform, version, benchmark, scale, queries, iterations).
     */
    static RunConfiguration of(RunResult.Run run, RunResult.Benchmark benchmark, RunResult.PlatformInfo platform, RunResult.Summary summary) {
        return new RunConfiguration(EngineConfiguration.embedded(platform.name(), platform.version(), null), benchmark.name(),
                benchmark.scaleFactor(), benchmark.queries(), run.warmups(), run.iterations(),
                summary != null && summary.streams() != null ? summary.streams() : 1, run.validation(), null);
    }
}
