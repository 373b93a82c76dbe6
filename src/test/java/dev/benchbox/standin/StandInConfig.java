package dev.benchbox.standin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How a stand-in behaves. Latencies are real waits (kept tiny for tests); timestamps and billing come from
 * {@code clock}, so a test that moves a controllable clock gets exact, timing-independent figures.
 *
 * @param dataDir                        where the S3 blob store and job work files live
 * @param modelsDir                      the official AWS models ({@code ../shared/aws-models/})
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

    /** {@code ../shared/aws-models/} from the repository root (it sits beside the clone, in CI too). */
    public static Path defaultModelsDir() {
        String override = System.getProperty("benchbox.aws-models");
        return override != null ? Path.of(override) : Path.of("..", "shared", "aws-models").toAbsolutePath().normalize();
    }

    public StandInConfig withClock(Clock newClock) {
        return new StandInConfig(dataDir, modelsDir, bucket, newClock, transition, coldStart, preInitializedStart, minute, executor, port);
    }

    public StandInConfig withExecutor(JobExecutor newExecutor) {
        return new StandInConfig(dataDir, modelsDir, bucket, clock, transition, coldStart, preInitializedStart, minute, newExecutor, port);
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
