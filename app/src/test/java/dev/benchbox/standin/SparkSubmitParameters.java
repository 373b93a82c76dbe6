package dev.benchbox.standin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The parsed {@code sparkSubmitParameters} of a job run: the main class and the Spark properties
 * ({@code --conf k=v} and the spark-submit shorthands such as {@code --executor-memory}).
 *
 * @param mainClass the {@code --class}, or null when absent
 * @param conf      Spark properties in the order given
 * @param jars      extra {@code --jars}
 */
public record SparkSubmitParameters(String mainClass, Map<String, String> conf, List<String> jars) {

    /** The setting that makes a job use the Glue Data Catalog as its Hive metastore. */
    public static final String GLUE_FACTORY_KEY = "spark.hadoop.hive.metastore.client.factory.class";
    public static final String GLUE_FACTORY = "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory";

    private static final Map<String, String> SHORTHANDS = Map.of(
            "--driver-memory", "spark.driver.memory",
            "--driver-cores", "spark.driver.cores",
            "--executor-memory", "spark.executor.memory",
            "--executor-cores", "spark.executor.cores",
            "--num-executors", "spark.executor.instances",
            "--name", "spark.app.name");

    public SparkSubmitParameters {
        conf = Map.copyOf(requireNonNull(conf, "conf is null"));
        jars = List.copyOf(requireNonNull(jars, "jars is null"));
    }

    /** Parses {@code parameters} (may be null) the way spark-submit reads its options. */
    public static SparkSubmitParameters parse(String parameters) {
        String mainClass = null;
        Map<String, String> conf = new LinkedHashMap<>();
        List<String> jars = new ArrayList<>();
        String[] tokens = parameters == null || parameters.isBlank() ? new String[0] : parameters.trim().split("\\s+");
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            String value = i + 1 < tokens.length ? tokens[i + 1] : null;
            if (value == null) {
                throw AwsError.validation("Invalid sparkSubmitParameters: " + t + " has no value");
            }
            switch (t) {
                case "--class" -> mainClass = value;
                case "--conf" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw AwsError.validation("Invalid sparkSubmitParameters: --conf " + value + " is not key=value");
                    }
                    conf.put(value.substring(0, eq), value.substring(eq + 1));
                }
                case "--jars" -> jars.addAll(List.of(value.split(",")));
                default -> {
                    String key = SHORTHANDS.get(t);
                    if (key == null) {
                        throw AwsError.validation("Invalid sparkSubmitParameters: unsupported option " + t);
                    }
                    conf.put(key, value);
                }
            }
            i++;
        }
        return new SparkSubmitParameters(mainClass, conf, jars);
    }

    public Optional<String> mainClassName() {
        return Optional.ofNullable(mainClass);
    }

    public boolean usesGlueCatalog() {
        return GLUE_FACTORY.equals(conf.get(GLUE_FACTORY_KEY));
    }
}
