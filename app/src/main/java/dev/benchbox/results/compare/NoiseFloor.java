package dev.benchbox.results.compare;

import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.Scale;
import dev.benchbox.results.QueryStatistics;
import dev.benchbox.results.RunResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An A/A noise floor: how far apart the medians of runs of one configuration came out, per query and for the
 * geometric mean, as a percentage. {@code compare --noise-floor} counts a change only beyond it (on top of the
 * intervals, the test and the minimum difference), so "regression" means beyond what the same set-up varies by.
 *
 * @param benchmark the benchmark's name
 * @param scaleFactor its scale factor
 * @param platform the platform and its version
 * @param configuration the configuration in one line ({@link Comparer#describe})
 * @param runs the labels of the runs it was measured on
 * @param queriesPct per query, the largest difference of medians between any two of the runs (percent of the smaller)
 * @param geomeanPct the same for the geometric means over the queries every run timed
 */
public record NoiseFloor(String benchmark, double scaleFactor, String platform, String configuration, List<String> runs,
        Map<String, Double> queriesPct, double geomeanPct) {
    public NoiseFloor {
        runs = List.copyOf(runs);
        queriesPct = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(queriesPct));
    }

    /** The floor of one query, or null when it was not measured. */
    public Double pct(String query) {
        return queriesPct.get(query);
    }

    /**
     * Measures the floor on runs of one configuration (an A/A pair, or more).
     *
     * @throws BenchboxException in one line when they are not runs of one configuration or have too few iterations
     */
    public static NoiseFloor measure(List<NamedResult> runs) {
        if (runs.size() < 2) {
            throw new BenchboxException("a noise floor needs at least two runs of one configuration");
        }
        NamedResult first = runs.get(0);
        for (NamedResult run : runs.subList(1, runs.size())) {
            String differs = differs(first, run);
            if (differs != null) {
                throw new BenchboxException("a noise floor is measured on runs of one configuration: " + differs);
            }
        }
        for (NamedResult run : runs) {
            for (Map.Entry<String, double[]> samples : Comparer.warmSamples(run.result()).entrySet()) {
                if (samples.getValue().length < Noise.MIN_SAMPLES) {
                    throw new BenchboxException("a noise floor needs at least " + Noise.MIN_SAMPLES + " warm samples a query: "
                            + samples.getKey() + " has " + samples.getValue().length + " in " + run.label()
                            + " (run with --iterations " + (Noise.MIN_SAMPLES + 1) + " or more)");
                }
            }
        }
        List<Map<String, Double>> medians = runs.stream().<Map<String, Double>>map(r -> r.result().statistics().stream()
                .collect(Collectors.toMap(QueryStatistics::id, QueryStatistics::medianMs, (a, b) -> a, LinkedHashMap::new))).toList();
        Map<String, Double> floors = new LinkedHashMap<>();
        for (String id : medians.get(0).keySet()) {
            List<Double> values = medians.stream().map(m -> m.get(id)).toList();
            if (values.stream().allMatch(java.util.Objects::nonNull)) {
                floors.put(id, spread(values));
            }
        }
        if (floors.isEmpty()) {
            throw new BenchboxException("a noise floor needs queries every run timed: these runs share none");
        }
        List<Double> geomeans = medians.stream().map(m -> Comparer.geometricMean(floors.keySet().stream().map(m::get).toList())).toList();
        RunResult result = first.result();
        return new NoiseFloor(result.benchmark().name(), result.benchmark().scaleFactor(),
                result.platform().name() + " " + result.platform().version(), Comparer.describe(result.configuration().engine()),
                runs.stream().map(NamedResult::label).toList(), floors, spread(geomeans));
    }

    /**
     * The floor in one line, as written to {@code file}: e.g. {@code Noise floor of 2 runs written to aa.json: 22
     * queries, median 8.1%, widest Q9 45.0%, geometric mean 3.2%}.
     */
    public String describe(String file) {
        double median = Noise.median(queriesPct.values().stream().mapToDouble(Double::doubleValue).toArray());
        Map.Entry<String, Double> widest = queriesPct.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        return String.format(java.util.Locale.ROOT, "Noise floor of %d runs written to %s: %d queries, median %.1f%%, widest %s %.1f%%, "
                + "geometric mean %.1f%%", runs.size(), file, queriesPct.size(), median, widest.getKey(), widest.getValue(), geomeanPct);
    }

    /** Refuses, in one line, comparing runs of another benchmark or scale with this floor. */
    void check(RunResult baseline, String file) {
        RunResult.Benchmark b = baseline.benchmark();
        if (!b.name().equals(benchmark) || !Scale.of(b.scaleFactor()).text().equals(Scale.of(scaleFactor).text())) {
            throw new BenchboxException("the noise floor " + file + " is of " + benchmark + " SF" + Scale.of(scaleFactor).text()
                    + ", the runs compared are " + b.name() + " SF" + Scale.of(b.scaleFactor()).text());
        }
    }

    /** The largest and the smallest median's difference, in percent of the smallest, to 0.1. */
    private static double spread(List<Double> values) {
        double low = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double high = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double pct = low <= 0 ? 0 : (high / low - 1) * 100;
        return BigDecimal.valueOf(pct).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    /** What sets a run apart from the first as a run of another configuration, in a few words; null when nothing. */
    private static String differs(NamedResult first, NamedResult run) {
        Function<NamedResult, String> what = r -> r.result().benchmark().name() + " SF" + Scale.of(r.result().benchmark().scaleFactor()).text();
        if (!what.apply(first).equals(what.apply(run))) {
            return first.label() + " is " + what.apply(first) + ", " + run.label() + " is " + what.apply(run);
        }
        List<String> a = identity(first);
        List<String> b = identity(run);
        List<String> names = List.of("platform", "configuration", "timing");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                out.add(names.get(i) + " " + a.get(i) + " in " + first.label() + ", " + b.get(i) + " in " + run.label());
            }
        }
        return out.isEmpty() ? null : String.join("; ", out);
    }

    private static List<String> identity(NamedResult r) {
        RunResult result = r.result();
        return List.of(result.platform().name() + " " + result.platform().version(), Comparer.describe(result.configuration().engine()),
                result.timingMethod().description());
    }
}
