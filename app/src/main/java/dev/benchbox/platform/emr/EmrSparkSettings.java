package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import dev.benchbox.platform.SparkSettings;
import dev.benchbox.platform.emr.job.ReleaseLabel;
import dev.benchbox.platform.emr.job.Spark4RemovedSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Spark settings of one connection's job runs, in the order they win: derived from the work
 * ({@link SparkTuning}, while a command's {@link #forWork} is open), then a sweep configuration's, then the
 * session's {@code connect --spark-conf}, then the command's own {@code --spark-conf}. On a Spark 4 release, a setting
 * Spark 4.0 removed or renamed is refused where it is given ({@link Spark4RemovedSettings}), before any job run.
 */
final class EmrSparkSettings implements SparkSettings {
    /** One command's work: its scale and its {@code --spark-conf}. */
    record Work(double scale, Map<String, String> conf) {
        Work {
            conf = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(conf));
        }
    }

    private volatile Map<String, String> session = Map.of();
    private volatile Work work;
    // the release the settings are for (null until the connection knows it): which keys Spark removed
    private volatile ReleaseLabel release;

    /** A copy for a view of the same connection (a dry-run preview, a sweep's configuration): the same values, its own from now on. */
    EmrSparkSettings copy() {
        EmrSparkSettings copy = new EmrSparkSettings();
        copy.session = session;
        copy.work = work;
        copy.release = release;
        return copy;
    }

    /** The release these settings go to; the user's settings given so far are checked against it. */
    void release(ReleaseLabel release) {
        this.release = requireNonNull(release, "release is null");
        Spark4RemovedSettings.check(release, user());
    }

    @Override
    public void sessionDefaults(Map<String, String> conf) {
        Map<String, String> checked = SparkSettings.parse(pairs(conf));
        check(checked);
        session = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checked));
    }

    @Override
    public Map<String, String> sessionDefaults() {
        return session;
    }

    @Override
    public SparkSettings.Work forWork(double scale, Map<String, String> conf) {
        Map<String, String> checked = SparkSettings.parse(pairs(conf));
        check(checked);
        Work before = work;
        work = new Work(scale, checked);
        return () -> work = before;
    }

    /** The scale of the command's work, or null outside one. */
    Double scale() {
        Work current = work;
        return current == null ? null : current.scale();
    }

    /**
     * Every Spark property a run's job is submitted with, beyond the executors' size: derived from the work's scale
     * (none outside a command's work), the sweep shape's, the session's and the command's, later ones winning.
     *
     * @param fixedExecutors executors a sweep configuration fixes, or null
     */
    Map<String, String> forRuns(SparkTuning.Workers workers, Map<String, String> shape, Integer fixedExecutors) {
        Double scale = scale();
        Map<String, String> derived = scale == null ? Map.of() : SparkTuning.conf(SparkTuning.forRun(scale, workers, fixedExecutors));
        Map<String, String> withShape = new LinkedHashMap<>(derived);
        withShape.putAll(shape);
        // a sweep's configuration may be on another release, and its spark.* settings are given there
        check(shape);
        return SparkTuning.merge(withShape, user());
    }

    private void check(Map<String, String> conf) {
        ReleaseLabel current = release;
        if (current != null) {
            Spark4RemovedSettings.check(current, conf);
        }
    }

    /** The user's values: the session's, then the command's over them. */
    Map<String, String> user() {
        Map<String, String> user = new LinkedHashMap<>(session);
        Work current = work;
        if (current != null) {
            user.putAll(current.conf());
        }
        return user;
    }

    private static String[] pairs(Map<String, String> conf) {
        return requireNonNull(conf, "conf is null").entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
