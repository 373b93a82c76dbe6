package dev.benchbox.platform.emr.job;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Spark settings Spark 4.0 removed or renamed, and the one rule for them: on a release of the Spark 4 line, a
 * setting the user gives under one of these keys is refused in one line naming its 4.0 replacement, if any.
 * <p>
 * Source: Spark 4.0.1's own tables, read from its jars ({@code SQLConf.removedSQLConfigs} and
 * {@code SQLConf.deprecatedSQLConfigs} in spark-catalyst, {@code SparkConf.deprecatedConfigs} in spark-core), the
 * entries whose version is 4.0; the migration guides (sql-migration-guide, core-migration-guide, "3.5 to 4.0") name
 * the same keys. Earlier removals are not listed: Spark 3.5 refuses them already.
 * <p>
 * Refused rather than translated: a removed SQL setting with a value other than its old default makes Spark 4 fail the
 * job at session start (after the application has started, billed); the replacements are not always the same setting
 * under a new name (what replaces {@code spark.sql.hive.verifyPartitionPath}, {@code spark.sql.files.ignoreMissingFiles},
 * covers every missing file, not only partition paths); and a result should record the setting the user typed, not one the shell chose. The renamed keys
 * Spark 4 still reads (with a warning in the driver's log) are refused too: one rule, and the new key works on both lines
 * except where the entry says otherwise.
 */
public final class Spark4RemovedSettings {
    /** Key → what replaces it in Spark 4.0 (empty: nothing does). */
    private static final Map<String, String> CHANGED = new LinkedHashMap<>();
    /** The keys Spark 4.0 still reads under the old name (renamed, not removed). */
    private static final java.util.Set<String> RENAMED = java.util.Set.of("spark.connect.copyFromLocalToFs.allowDestLocal",
            "spark.shuffle.unsafe.file.output.buffer");

    static {
        // SQLConf.removedSQLConfigs, version 4.0.0: Spark 4 fails a job that sets one to other than its old default
        CHANGED.put("spark.sql.hive.verifyPartitionPath", "spark.sql.files.ignoreMissingFiles");
        CHANGED.put("spark.sql.legacy.avro.datetimeRebaseModeInRead", "spark.sql.avro.datetimeRebaseModeInRead");
        CHANGED.put("spark.sql.legacy.avro.datetimeRebaseModeInWrite", "spark.sql.avro.datetimeRebaseModeInWrite");
        CHANGED.put("spark.sql.legacy.parquet.datetimeRebaseModeInWrite", "spark.sql.parquet.datetimeRebaseModeInWrite");
        CHANGED.put("spark.sql.legacy.parquet.int96RebaseModeInRead", "spark.sql.parquet.int96RebaseModeInRead");
        CHANGED.put("spark.sql.legacy.parquet.int96RebaseModeInWrite", "spark.sql.parquet.int96RebaseModeInWrite");
        CHANGED.put("spark.sql.optimizer.runtimeFilter.semiJoinReduction.enabled", "");
        // SQLConf.deprecatedSQLConfigs and SparkConf.deprecatedConfigs, version 4.0 with a new key: renamed
        CHANGED.put("spark.connect.copyFromLocalToFs.allowDestLocal", "spark.sql.artifact.copyFromLocalToFs.allowDestLocal");
        CHANGED.put("spark.shuffle.unsafe.file.output.buffer", "spark.shuffle.localDisk.file.output.buffer");
    }

    private Spark4RemovedSettings() {
    }

    /** What replaces {@code key} in Spark 4.0: empty if Spark 4.0 did not remove or rename it, or if nothing replaces it. */
    public static Optional<String> replacement(String key) {
        String replacement = CHANGED.get(requireNonNull(key, "key is null"));
        return replacement == null || replacement.isEmpty() ? Optional.empty() : Optional.of(replacement);
    }

    /** Whether Spark 4.0 removed or renamed {@code key}. */
    public static boolean changed(String key) {
        return CHANGED.containsKey(requireNonNull(key, "key is null"));
    }

    /** Every key Spark 4.0 removed or renamed, in the order of the list above. */
    public static java.util.Set<String> keys() {
        return java.util.Collections.unmodifiableSet(CHANGED.keySet());
    }

    /**
     * Refuses the first of {@code conf}'s keys that Spark 4.0 removed or renamed, when {@code release} runs Spark 4;
     * does nothing on the Spark 3.5 line.
     *
     * @throws BenchboxException one line: the key, the release, and the key to use instead (if any)
     */
    public static void check(ReleaseLabel release, Map<String, String> conf) {
        requireNonNull(release, "release is null");
        if (release.sparkLine() != ReleaseLabel.SparkLine.SPARK_4_0) {
            return;
        }
        for (String key : requireNonNull(conf, "conf is null").keySet()) {
            if (changed(key)) {
                String instead = replacement(key).map(r -> "; set " + r + " instead")
                        .orElse(", with no replacement; leave it out");
                throw new BenchboxException("--spark-conf " + key + ": Spark 4.0, which " + release.label() + " runs, "
                        + (RENAMED.contains(key) ? "renamed" : "removed") + " this setting" + instead);
            }
        }
    }
}
