package dev.benchbox.bench.sweep;

import static java.util.Objects.requireNonNull;

import dev.benchbox.bench.PowerRunRequest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sweep before it starts: every configuration in run order (those sharing a deployment next to each other), whether
 * its results already exist (a resumed sweep skips it), what each still to run is estimated to cost, and where the
 * results go.
 *
 * @param request the benchmark run each configuration gets
 * @param platform the platform's name
 * @param spec the checked sweep
 * @param directory where each configuration's results file, the comparison and the report go
 * @param deploymentNoun what a deployment is called on the platform ({@code application})
 * @param configurations in run order
 * @param assumptions what the estimates assume (empty when the platform costs nothing per run)
 */
public record SweepPlan(PowerRunRequest request, String platform, SweepSpec spec, Path directory, String deploymentNoun,
        List<Configuration> configurations, List<String> assumptions) {
    public SweepPlan {
        requireNonNull(request, "request is null");
        requireNonNull(directory, "directory is null");
        configurations = List.copyOf(configurations);
        assumptions = List.copyOf(assumptions);
    }

    /**
     * One configuration of the sweep.
     *
     * @param number its place in run order, from 1
     * @param label its name in the comparison and report (its results file's name without {@code .json})
     * @param settings dimension name to value, in the order of the sweep's dimensions
     * @param deployment the part that needs a deployment of its own (empty: the connected one)
     * @param file its results file
     * @param done whether its results file exists already (a resumed sweep skips it)
     * @param estimateUsd what running it is estimated to cost; null when the platform costs nothing per run
     */
    public record Configuration(int number, String label, Map<String, String> settings, Map<String, String> deployment, Path file,
            boolean done, BigDecimal estimateUsd) {
        public Configuration {
            settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
            deployment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(deployment));
        }

        /** e.g. {@code executors=8x4vCPU-16GB architecture=arm64}. */
        public String describe() {
            StringBuilder s = new StringBuilder();
            settings.forEach((k, v) -> s.append(s.isEmpty() ? "" : " ").append(k).append('=').append(v));
            return s.toString();
        }
    }

    /** The configurations still to run. */
    public List<Configuration> toRun() {
        return configurations.stream().filter(c -> !c.done()).toList();
    }

    /** Deployments (applications) the configurations still to run need created; the connected one is not counted. */
    public long deploymentsToCreate() {
        return toRun().stream().map(Configuration::deployment).filter(d -> !d.isEmpty()).distinct().count();
    }

    /** The estimate for every configuration still to run; null when the platform costs nothing per run. */
    public BigDecimal estimateUsd() {
        List<BigDecimal> estimates = toRun().stream().map(Configuration::estimateUsd).filter(Objects::nonNull).toList();
        if (configurations.stream().allMatch(c -> c.estimateUsd() == null)) {
            return null;
        }
        return estimates.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
