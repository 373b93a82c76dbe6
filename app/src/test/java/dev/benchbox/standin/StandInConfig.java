package dev.benchbox.standin;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How a stand-in behaves. Latencies are real waits (kept tiny for tests); timestamps and billing come from
 * {@code clock}, so a test that moves a controllable clock gets exact, timing-independent figures.
 *
 * @param dataDir                        where the S3 blob store and job work files live
 * @param modelsDir                      the official AWS models (test resources {@code aws-models/})
 * @param bucket                         a bucket created at start, for callers to use
 * @param clock                          source of timestamps and billed durations
 * @param transition                     one quick state step (CREATING→CREATED, STOPPING→STOPPED, SUBMITTED→PENDING...)
 * @param coldStart                      application STARTING→STARTED without pre-initialised capacity, and a job's
 *                                       SCHEDULED→RUNNING when its workers must be provisioned
 * @param preInitializedStart            application STARTING→STARTED with initial capacity (workers are warmed up)
 *                                       and a job's SCHEDULED→RUNNING on pre-initialised workers
 * @param minute                         how long one "minute" of an application's auto-stop idle timeout lasts here
 * @param executor                       runs job runs when they reach RUNNING; null for the Spark child JVM
 * @param port                           port of the endpoint on 127.0.0.1; 0 for a random free one
 */
public record StandInConfig(Path dataDir, Path modelsDir, String bucket, Clock clock, Duration transition,
                            Duration coldStart, Duration preInitializedStart, Duration minute, JobExecutor executor, int port) {

    /** File name of the EMR Serverless model in the models directory. */
    public static final String EMR_MODEL = "emr-serverless-2021-07-13.service-2.json";
    /** File name of the Glue model in the models directory. */
    public static final String GLUE_MODEL = "glue-2017-03-31.service-2.json";

    public StandInConfig {
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(modelsDir, "modelsDir is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(transition, "transition is null");
        requireNonNull(coldStart, "coldStart is null");
        requireNonNull(preInitializedStart, "preInitializedStart is null");
        requireNonNull(minute, "minute is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Test defaults: millisecond latencies, one idle minute = 200 ms, system clock, Spark executor. */
    public static StandInConfig forTests(Path dataDir) {
        return new StandInConfig(dataDir, defaultModelsDir(), "benchbox-standin", Clock.systemUTC(),
                Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMillis(10), Duration.ofMillis(200), null, 0);
    }

    /** Closer to AWS, for exploring by hand: seconds of start-up, one idle minute = 1 s. */
    public static StandInConfig interactive(Path dataDir) {
        return new StandInConfig(dataDir, defaultModelsDir(), "benchbox-standin", Clock.systemUTC(),
                Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(1), null, 0);
    }

    /**
     * The official AWS models shipped with the test resources ({@code src/test/resources/aws-models/}), found on
     * the classpath so the stand-in works from any working directory; {@code -Dbenchbox.aws-models=DIR} overrides.
     */
    public static Path defaultModelsDir() {
        String override = System.getProperty("benchbox.aws-models");
        if (override != null) {
            return Path.of(override);
        }
        URL marker = StandInConfig.class.getResource("/aws-models/" + EMR_MODEL);
        if (marker == null) {
            throw new IllegalStateException("the AWS models are not on the classpath (expected aws-models/" + EMR_MODEL
                    + " in the test resources)");
        }
        try {
            return Path.of(marker.toURI()).getParent();
        } catch (URISyntaxException | java.nio.file.FileSystemNotFoundException e) {
            throw new IllegalStateException("the AWS models must be a directory on the classpath, not inside a jar: " + marker, e);
        }
    }

    public StandInConfig withClock(Clock newClock) {
        return new StandInConfig(dataDir, modelsDir, bucket, newClock, transition, coldStart, preInitializedStart, minute, executor, port);
    }

    public StandInConfig withExecutor(JobExecutor newExecutor) {
        return new StandInConfig(dataDir, modelsDir, bucket, clock, transition, coldStart, preInitializedStart, minute, newExecutor, port);
    }

    public StandInConfig withTransition(Duration newTransition) {
        return new StandInConfig(dataDir, modelsDir, bucket, clock, newTransition, coldStart, preInitializedStart, minute, executor, port);
    }

    public StandInConfig withMinute(Duration newMinute) {
        return new StandInConfig(dataDir, modelsDir, bucket, clock, transition, coldStart, preInitializedStart, newMinute, executor, port);
    }

    public StandInConfig withPort(int newPort) {
        return new StandInConfig(dataDir, modelsDir, bucket, clock, transition, coldStart, preInitializedStart, minute, executor, newPort);
    }

    public StandInConfig withStartLatencies(Duration newColdStart, Duration newPreInitializedStart) {
        return new StandInConfig(dataDir, modelsDir, bucket, clock, transition, newColdStart, newPreInitializedStart, minute, executor, port);
    }
}
