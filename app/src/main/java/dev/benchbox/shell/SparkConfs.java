package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.SparkSettings;
import java.util.Map;
import java.util.Optional;

/** {@code --spark-conf} of {@code connect}, {@code load} and {@code run}: where the checked values go. */
final class SparkConfs {
    private SparkConfs() {
    }

    /** The help text every command's {@code --spark-conf} shares. */
    static final String HELP = "emr-serverless: Spark property key=value, repeatable; wins over the settings derived from the scale";

    /**
     * Opens one command's work on the platform: its job runs are tuned to {@code scale}, with {@code conf} over
     * everything. A platform without Spark job runs takes no {@code --spark-conf} (a one-line error), and needs no scope.
     */
    static SparkSettings.Work forWork(Platform platform, double scale, Map<String, String> conf) {
        Optional<SparkSettings> settings = platform.sparkSettings();
        if (settings.isEmpty()) {
            requireNone(platform, conf);
            return () -> { };
        }
        return settings.get().forWork(scale, conf);
    }

    /** {@code connect --spark-conf}: the session's values. */
    static void sessionDefaults(Platform platform, Map<String, String> conf) {
        if (conf.isEmpty()) {
            return;
        }
        platform.sparkSettings().orElseThrow(() -> none(platform)).sessionDefaults(conf);
    }

    static void requireNone(Platform platform, Map<String, String> conf) {
        if (!conf.isEmpty()) {
            throw none(platform);
        }
    }

    private static BenchboxException none(Platform platform) {
        return new BenchboxException("--spark-conf sets Spark properties of job runs: " + platform.name() + " runs none");
    }
}
