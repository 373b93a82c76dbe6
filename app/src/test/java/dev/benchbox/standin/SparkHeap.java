package dev.benchbox.standin;

import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * The heap of the stand-in's Spark JVM: what the job run or session asks for, as on EMR Serverless, capped to what
 * this machine can give.
 * <p>
 * EMR gives the driver {@code spark.driver.memory} and every executor {@code spark.executor.memory} (14g each unless
 * set: 16 GB workers), and the shell tunes its runs to those heaps (e.g. the broadcast threshold, 2 MB per GB). The
 * stand-in runs the driver and one executor's tasks in one local-mode JVM, so that JVM gets the larger of the two
 * heaps. A laptop or a CI runner cannot give 14 GB to it: {@value #MAX_PROPERTY} caps it (e.g. {@code 6g}); by
 * default half this machine's memory, at most {@value #DEFAULT_MAX_MB} MB and at least {@value #MIN_MB} MB (tests
 * run one Spark JVM at a time, beside the test JVM and sometimes the shell's).
 */
final class SparkHeap {
    static final String MAX_PROPERTY = "benchbox.standin.spark.max-heap";
    /** EMR Serverless's default driver and executor heap. */
    static final String EMR_DEFAULT = "14g";
    static final long DEFAULT_MAX_MB = 4096;
    static final long MIN_MB = 1024;

    private SparkHeap() {
    }

    /** The heap the job asks for, in MB: the larger of the driver's and the executor's. */
    static long requestedMb(Map<String, String> sparkConf) {
        double driver = EmrServerless.gigabytes(sparkConf.getOrDefault("spark.driver.memory", EMR_DEFAULT));
        double executor = EmrServerless.gigabytes(sparkConf.getOrDefault("spark.executor.memory", EMR_DEFAULT));
        return (long) Math.ceil(Math.max(driver, executor) * 1024);
    }

    /** The cap in MB: the system property's, else half this machine's memory within [{@value #MIN_MB}, {@value #DEFAULT_MAX_MB}]. */
    static long maxMb() {
        String configured = System.getProperty(MAX_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            try {
                return Math.max(1, (long) Math.floor(EmrServerless.gigabytes(configured) * 1024));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(MAX_PROPERTY + " must be a size like 4g or 3072m, got \"" + configured + "\"");
            }
        }
        long machineMb = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() >> 20;
        return Math.max(MIN_MB, Math.min(DEFAULT_MAX_MB, machineMb / 2));
    }

    /** The {@code -Xmx} value for a JVM running with {@code sparkConf}, in MB. */
    static long heapMb(Map<String, String> sparkConf) {
        return Math.min(requestedMb(sparkConf), maxMb());
    }

    /** One line for the driver's log: the heap and, when capped, what was asked. */
    static String describe(Map<String, String> sparkConf) {
        long asked = requestedMb(sparkConf);
        long heap = heapMb(sparkConf);
        return "stand-in: Spark JVM heap " + heap + "m" + (heap < asked
                ? " (the job asks " + asked + "m for its driver/executors; capped by " + MAX_PROPERTY + " or this machine's memory)"
                : " (as the job asks for its driver/executors)");
    }
}
