package dev.benchbox.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * The benchmarks the shell runs, by name: TPC-H and TPC-DS, then any other found on the classpath as a
 * {@link ServiceLoader} provider of {@link Benchmark} (a line naming its class in
 * {@code META-INF/services/dev.benchbox.benchmark.Benchmark}), so adding one touches its own package and that line.
 */
public final class Benchmarks {
    private static final List<Benchmark> ALL = load();

    private Benchmarks() {
    }

    private static List<Benchmark> load() {
        List<Benchmark> all = new ArrayList<>(List.of(new TpchBenchmark(), new TpcdsBenchmark()));
        for (Benchmark benchmark : ServiceLoader.load(Benchmark.class, Benchmarks.class.getClassLoader())) {
            if (all.stream().noneMatch(b -> b.name().equals(benchmark.name()))) {
                all.add(benchmark);
            }
        }
        return List.copyOf(all);
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
        throw new IllegalArgumentException("unknown benchmark '" + name + "': expected " + choices());
    }

    /** {@code tpch or tpcds}; {@code tpch, tpcds or tiny} with a third. */
    private static String choices() {
        List<String> names = names();
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
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
