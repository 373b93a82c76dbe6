package dev.benchbox.platform;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where and how a benchmark's data will be generated, decided before anything starts, so the shell can say it
 * (and {@code --max-cost} can refuse it): on this machine, or inside the cluster as one job run split into parts.
 *
 * @param dataSet      the benchmark's data set
 * @param scale        the scale factor
 * @param tables       the tables, in load order
 * @param where        local or cluster
 * @param reason       why, in words (the user's choice, or the default's rule)
 * @param parts        parts per table (each one Spark task and one Parquet file); empty for local generation
 * @param workers      executors the job run asks for (0 for local)
 * @param workerSize   their size in words, e.g. {@code 4 vCPU, 16 GB}
 * @param estimatedUsd the job run's estimated cost (zero for local)
 * @param sparkConf    the Spark properties the job run is submitted with
 */
public record GenerationPlan(DataSet dataSet, double scale, List<String> tables, Where where, String reason,
        Map<String, Integer> parts, int workers, String workerSize, BigDecimal estimatedUsd, Map<String, String> sparkConf) {

    /** Where the data is generated. */
    public enum Where {
        /** On this machine (in-memory DuckDB), then uploaded. */
        LOCAL,
        /** Inside the cluster, as a job run: no table data passes through this machine. */
        CLUSTER;

        /** Reads {@code --generate local|cluster}. */
        public static Where parse(String text) {
            for (Where where : values()) {
                if (where.name().equalsIgnoreCase(text.trim())) {
                    return where;
                }
            }
            throw new BenchboxException("--generate must be local or cluster, not '" + text + "'");
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public GenerationPlan {
        requireNonNull(dataSet, "dataSet is null");
        Scale.of(scale);
        tables = List.copyOf(tables);
        requireNonNull(where, "where is null");
        requireNonNull(reason, "reason is null");
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
        requireNonNull(workerSize, "workerSize is null");
        requireNonNull(estimatedUsd, "estimatedUsd is null");
        sparkConf = Collections.unmodifiableMap(new LinkedHashMap<>(sparkConf));
    }

    /** The benchmark's name: the data's folder and the generator the job runs. */
    public String benchmark() {
        return dataSet.name();
    }

    public int totalParts() {
        return parts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The plan in one line, shown before anything starts. */
    public String describe() {
        String sf = Scale.of(scale).text();
        String name = dataSet.title();
        if (where == Where.LOCAL) {
            return "Generating " + name + " SF" + sf + " on this machine (" + reason + ")";
        }
        StringBuilder list = new StringBuilder();
        parts.forEach((table, n) -> list.append(list.length() == 0 ? "" : ", ").append(table).append(' ').append(n));
        return String.format(Locale.ROOT, "Generating %s SF%s in the cluster (%s): %d parts (%s) on %d executor%s of %s, "
                + "estimated %s", name, sf, reason, totalParts(), list, workers, workers == 1 ? "" : "s", workerSize,
                dev.benchbox.cost.Usd.estimate(estimatedUsd));
    }
}
