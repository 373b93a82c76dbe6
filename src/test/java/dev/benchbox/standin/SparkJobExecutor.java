package dev.benchbox.standin;

import static java.util.Objects.requireNonNull;

/** Runs job runs for real in a child JVM with Spark 3.5 in local mode. */
final class SparkJobExecutor implements JobExecutor {

    private final AwsStandIn standIn;

    SparkJobExecutor(AwsStandIn standIn) {
        this.standIn = requireNonNull(standIn, "standIn is null");
    }

    @Override
    public JobResult run(JobRequest request) {
        return JobResult.failure("Spark runtime not available yet");
    }
}
