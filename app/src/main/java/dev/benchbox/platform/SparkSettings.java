package dev.benchbox.platform;

import dev.benchbox.BenchboxException;
import dev.benchbox.Redaction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A platform whose job runs are Spark applications: their spark-submit settings follow the work (scale, workers)
 * and the user's {@code --spark-conf} values win over them. Session values come from {@code connect}, a command's
 * own from {@code load} or {@code run}; the command's win over the session's.
 */
public interface SparkSettings {
    /** {@code connect --spark-conf}: put on every job run of this connection, over the derived values. */
    void sessionDefaults(Map<String, String> conf);

    /** The session's values, in the order given. */
    Map<String, String> sessionDefaults();

    /**
     * One command's work: job runs until {@link Work#close()} are tuned to {@code scale}, with {@code conf} (the
     * command's {@code --spark-conf}) over everything else.
     */
    Work forWork(double scale, Map<String, String> conf);

    /** Properties the worker size sets (and the catalog mode): {@code --spark-conf} may not set them apart. */
    Set<String> NOT_SETTABLE = Set.of("spark.executor.cores", "spark.executor.memory",
            "spark.hadoop.hive.metastore.client.factory.class");

    /**
     * Reads repeated {@code --spark-conf key=value} words, checked before anything connects or runs: a key is a
     * {@code spark.} property, the value is not empty, neither has a blank (EMR splits its parameters on blanks), a key
     * is given once (or twice with the same value). Null or none gives an empty map.
     */
    static Map<String, String> parse(String[] pairs) {
        Map<String, String> conf = new LinkedHashMap<>();
        if (pairs == null) {
            return conf;
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair.trim() : pair.substring(0, eq).trim();
            String value = eq < 0 ? "" : pair.substring(eq + 1).trim();
            if (eq <= 0 || !key.startsWith("spark.") || key.length() == "spark.".length() || value.isEmpty()
                    || key.matches(".*\\s.*") || value.matches(".*\\s.*")) {
                throw new BenchboxException("invalid --spark-conf '" + Redaction.text(pair) + "': expected spark.key=value with no blanks, "
                        + "e.g. spark.sql.shuffle.partitions=400");
            }
            if (NOT_SETTABLE.contains(key)) {
                throw new BenchboxException("--spark-conf " + key + " is set by the worker size: choose the executors' size "
                        + "(initial_capacity, --sweep executors=...) instead");
            }
            if (value.contains(Redaction.REDACTED)) {
                // a line recalled from the history holds the mark, not the secret
                throw new BenchboxException("--spark-conf " + key + " holds " + Redaction.REDACTED + ", which the history keeps instead "
                        + "of a secret: type the value itself");
            }
            String earlier = conf.put(key, value);
            if (earlier != null && !earlier.equals(value)) {
                throw new BenchboxException("--spark-conf " + key + " is given twice, as '" + Redaction.value(key, earlier) + "' and '"
                        + Redaction.value(key, value) + "'");
            }
        }
        return Collections.unmodifiableMap(conf);
    }

    /** The span of one command's work; closing it returns to the session's settings. */
    interface Work extends AutoCloseable {
        @Override
        void close();
    }
}
