package dev.benchbox.benchmark;

import java.util.List;
import java.util.Locale;

/** The benchmarks the shell runs, by name. */
public final class Benchmarks {
    private static final List<Benchmark> ALL = List.of(new TpchBenchmark(), new TpcdsBenchmark());

    private Benchmarks() {
    }

    /** Every benchmark, TPC-H first. */
    public static List<Benchmark> all() {
        return ALL;
    }

    /** Names for completion and messages: {@code tpch}, {@code tpcds}. */
    public static List<String> names() {
        return ALL.stream().map(Benchmark::name).toList();
    }

    /** The benchmark of that name (any case); a one-line {@link IllegalArgumentException} naming the choices otherwise. */
    public static Benchmark get(String name) {
        for (Benchmark benchmark : ALL) {
            if (benchmark.name().equals(name.toLowerCase(Locale.ROOT))) {
                return benchmark;
            }
        }
        throw new IllegalArgumentException("unknown benchmark '" + name + "': expected " + String.join(" or ", names()));
    }

    /** {@code TPC-H} for {@code tpch}, {@code TPC-DS} for {@code tpcds}; the name itself for anything else. */
    public static String title(String name) {
        for (Benchmark benchmark : ALL) {
            if (benchmark.name().equals(name)) {
                return benchmark.title();
            }
        }
        return name;
    }
}
