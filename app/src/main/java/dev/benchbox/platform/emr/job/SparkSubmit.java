package dev.benchbox.platform.emr.job;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code sparkSubmitParameters} of a job run of the BenchBox job: its main class, the executors' size and,
 * in glue mode, the setting that makes Spark use the Glue Data Catalog as its Hive metastore.
 *
 * <pre>{@code
 * SparkSubmit.forJob(Catalog.GLUE, 4, "16g").parameters()
 * // --class dev.benchbox.job.BenchboxJob --conf spark.executor.cores=4 --conf spark.executor.memory=16g
 * //   --conf spark.hadoop.hive.metastore.client.factory.class=com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory
 * }</pre>
 *
 * @param catalog        glue adds the metastore client factory; paths needs no metastore, nor does iceberg (its
 *                       settings, {@link IcebergCatalog}, come in {@code conf})
 * @param executorCores  vCPUs per executor (EMR Serverless accepts 1, 2, 4, 8, 16)
 * @param executorMemory memory per executor in Spark's notation, e.g. {@code 16g} or {@code 14336m}
 * @param conf           further Spark properties, in order (e.g. {@code spark.driver.cores},
 *                       {@code spark.executor.instances}); they may not override the ones above
 */
public record SparkSubmit(RunManifest.Catalog catalog, int executorCores, String executorMemory, Map<String, String> conf) {

    /** The property that picks the Hive metastore client. */
    public static final String GLUE_FACTORY_KEY = "spark.hadoop.hive.metastore.client.factory.class";
    /** EMR's Glue Data Catalog client for it. */
    public static final String GLUE_FACTORY = "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory";

    public SparkSubmit {
        requireNonNull(catalog, "catalog is null");
        if (executorCores < 1) {
            throw new IllegalArgumentException("executor cores must be at least 1, got " + executorCores);
        }
        requireNonNull(executorMemory, "executorMemory is null");
        if (!executorMemory.matches("[1-9][0-9]*[mMgG]")) {
            throw new IllegalArgumentException("executor memory must be like 16g or 14336m, got \"" + executorMemory + "\"");
        }
        conf = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(conf, "conf is null")));
        conf.forEach((key, value) -> {
            // EMR splits the parameters on blanks: a blank inside a value would make a different command line.
            if (!key.startsWith("spark.") || key.matches(".*\\s.*") || value.isEmpty() || value.matches(".*\\s.*")) {
                throw new IllegalArgumentException("not a usable Spark property: \"" + key + "\"=\"" + dev.benchbox.Redaction.value(key, value) + "\"");
            }
            if (key.equals("spark.executor.cores") || key.equals("spark.executor.memory") || key.equals(GLUE_FACTORY_KEY)) {
                throw new IllegalArgumentException(key + " is set by SparkSubmit itself");
            }
        });
    }

    /** The job's parameters with no further properties. */
    public static SparkSubmit forJob(RunManifest.Catalog catalog, int executorCores, String executorMemory) {
        return new SparkSubmit(catalog, executorCores, executorMemory, Map.of());
    }

    /** A copy with one more Spark property (replacing an earlier value of the same key). */
    public SparkSubmit withConf(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(conf);
        more.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
        return new SparkSubmit(catalog, executorCores, executorMemory, more);
    }

    /** The {@code sparkSubmitParameters} string for StartJobRun. */
    public String parameters() {
        StringBuilder s = new StringBuilder("--class ").append(JobJar.MAIN_CLASS);
        properties().forEach((key, value) -> conf(s, key, value));
        return s.toString();
    }

    /** Every Spark property the job run is submitted with, in submission order (results record them). */
    public Map<String, String> properties() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("spark.executor.cores", Integer.toString(executorCores));
        all.put("spark.executor.memory", executorMemory);
        if (catalog == RunManifest.Catalog.GLUE) {
            all.put(GLUE_FACTORY_KEY, GLUE_FACTORY);
        }
        all.putAll(conf);
        return all;
    }

    private static void conf(StringBuilder s, String key, String value) {
        s.append(" --conf ").append(key).append('=').append(value);
    }
}
