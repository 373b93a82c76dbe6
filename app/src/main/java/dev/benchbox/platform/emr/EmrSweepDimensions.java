package dev.benchbox.platform.emr;

import dev.benchbox.BenchboxException;
import dev.benchbox.cost.WorkerSize;
import dev.benchbox.platform.SweepDimensions;
import dev.benchbox.platform.emr.job.SparkSubmit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a sweep varies on EMR Serverless. The release, the architecture and pre-initialised capacity belong to an
 * application, so each value gets an application of its own; the driver, the executors and Spark settings
 * ({@code spark.*}) are a job run's, so they vary on one application.
 */
public final class EmrSweepDimensions implements SweepDimensions {
    public static final String RELEASE = "release";
    public static final String ARCHITECTURE = "architecture";
    public static final String DRIVER = "driver";
    public static final String EXECUTORS = "executors";
    public static final String PRE_INITIALIZED = "pre-initialized";
    public static final EmrSweepDimensions INSTANCE = new EmrSweepDimensions();

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("release", RELEASE), Map.entry("release_label", RELEASE), Map.entry("release-label", RELEASE),
            Map.entry("architecture", ARCHITECTURE), Map.entry("arch", ARCHITECTURE),
            Map.entry("driver", DRIVER),
            Map.entry("executors", EXECUTORS), Map.entry("executor", EXECUTORS),
            Map.entry("pre-initialized", PRE_INITIALIZED), Map.entry("pre_initialized", PRE_INITIALIZED),
            Map.entry("preinitialized", PRE_INITIALIZED), Map.entry("pre-initialised", PRE_INITIALIZED),
            Map.entry("pre_initialised", PRE_INITIALIZED));
    /** Spark properties the driver and executors dimensions set (or SparkSubmit itself): a sweep may not set them apart. */
    private static final Set<String> RESERVED = Set.of("spark.executor.cores", "spark.executor.memory", "spark.executor.instances",
            "spark.driver.cores", "spark.driver.memory", SparkSubmit.GLUE_FACTORY_KEY);

    private EmrSweepDimensions() {
    }

    @Override
    public List<String> names() {
        return List.of(RELEASE, ARCHITECTURE, DRIVER, EXECUTORS, PRE_INITIALIZED, "spark.*");
    }

    @Override
    public String canonical(String typed) {
        String name = typed.trim();
        if (name.startsWith("spark.")) {
            if (dev.benchbox.Redaction.isSecret(name)) {
                // a dimension's values name the configurations' files and labels: a secret would be recorded
                throw new BenchboxException("--sweep " + name + " is a secret setting, which a sweep would record in its file names "
                        + "and labels: give it with --spark-conf");
            }
            return name;
        }
        String canonical = ALIASES.get(name.toLowerCase(Locale.ROOT));
        if (canonical == null) {
            throw new BenchboxException("unknown sweep dimension '" + typed + "' on emr-serverless: expected release, architecture, "
                    + "driver, executors, pre-initialized or a Spark setting (spark.*)");
        }
        return canonical;
    }

    @Override
    public String check(String dimension, String value) {
        String v = value.trim();
        switch (dimension) {
            case RELEASE -> {
                return EmrOptions.releaseLabel(v, "invalid release '%s' in --sweep").label();
            }
            case ARCHITECTURE -> {
                return switch (v.toLowerCase(Locale.ROOT)) {
                    case "x86_64", "x86-64", "amd64" -> "x86_64";
                    case "arm64", "aarch64" -> "arm64";
                    default -> throw new BenchboxException("invalid architecture '" + value + "' in --sweep: expected x86_64 or arm64");
                };
            }
            case DRIVER -> {
                String size = v.matches("(?i)1\\s*x.*") ? v.substring(v.toLowerCase(Locale.ROOT).indexOf('x') + 1) : v;
                if (v.matches("(?i)\\d+\\s*x.*") && size.equals(v)) {
                    throw new BenchboxException("invalid driver '" + value + "' in --sweep: a job run has one driver; give its size, "
                            + "e.g. 4vCPU-16GB");
                }
                try {
                    return WorkerSize.parse(size).toString();
                } catch (BenchboxException e) {
                    throw new BenchboxException("invalid driver '" + value + "' in --sweep: " + reason(e));
                }
            }
            case EXECUTORS -> {
                // said in a job run's terms before WorkerCapacity refuses it as a pre-initialised count
                if (v.matches("0+\\s*[xX].*")) {
                    throw new BenchboxException("invalid executors '" + value + "' in --sweep: a job run needs at least 1 executor");
                }
                try {
                    return WorkerCapacity.parse(v, "executors").toString();
                } catch (BenchboxException e) {
                    throw new BenchboxException(e.getMessage().replaceFirst("^(invalid executors '[^']*')", "$1 in --sweep"));
                }
            }
            case PRE_INITIALIZED -> {
                return switch (v.toLowerCase(Locale.ROOT)) {
                    case "on", "true", "yes" -> "on";
                    case "off", "false", "no" -> "off";
                    default -> throw new BenchboxException("invalid pre-initialized '" + value + "' in --sweep: expected on or off "
                            + "(on: the application keeps the configuration's driver and executors warm)");
                };
            }
            default -> {
                if (RESERVED.contains(dimension)) {
                    throw new BenchboxException(dimension + " cannot be swept as a Spark setting: sweep driver=SIZE or "
                            + "executors=COUNTxSIZE instead");
                }
                if (dimension.matches(".*\\s.*") || v.matches(".*\\s.*")) {
                    throw new BenchboxException("invalid Spark setting " + dimension + "='" + value + "' in --sweep: "
                            + "no blanks in a Spark property or its value");
                }
                return v;
            }
        }
    }

    /**
     * The release, the architecture and whether capacity is pre-initialised; with it on, the driver and executors too,
     * as they are what the application keeps warm.
     */
    @Override
    public Map<String, String> deploymentSettings(Map<String, String> configuration) {
        Map<String, String> deployment = new LinkedHashMap<>();
        configuration.forEach((name, value) -> {
            if (name.equals(RELEASE) || name.equals(ARCHITECTURE) || name.equals(PRE_INITIALIZED)) {
                deployment.put(name, value);
            }
        });
        if ("on".equals(configuration.get(PRE_INITIALIZED))) {
            configuration.forEach((name, value) -> {
                if (name.equals(DRIVER) || name.equals(EXECUTORS)) {
                    deployment.put(name, value);
                }
            });
        }
        return deployment;
    }

    @Override
    public String deploymentNoun() {
        return "application";
    }

    private static String reason(BenchboxException e) {
        return e.getMessage().replaceFirst("^invalid worker size ('[^']*'|\\S+): ", "");
    }
}
