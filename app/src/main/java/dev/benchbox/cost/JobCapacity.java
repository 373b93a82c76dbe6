package dev.benchbox.cost;

import static java.util.Objects.requireNonNull;

/**
 * The workers one Spark job run uses: one driver and a number of executors. The EMR platform builds this from its
 * configured capacity ({@code spark.driver.*}, {@code spark.executor.*}) to ask for an estimate.
 *
 * @param driver    the driver's worker size
 * @param executors how many executors
 * @param executor  each executor's worker size
 */
public record JobCapacity(WorkerSize driver, int executors, WorkerSize executor) {

    /** EMR Serverless's defaults for Spark: a 4 vCPU / 16 GB driver and 3 executors of the same size. */
    public static final JobCapacity DEFAULT = new JobCapacity(WorkerSize.DEFAULT, 3, WorkerSize.DEFAULT);

    public JobCapacity {
        requireNonNull(driver, "driver is null");
        requireNonNull(executor, "executor is null");
        if (executors < 0) {
            throw new IllegalArgumentException("executors is negative: " + executors);
        }
    }

    /** Driver plus executors. */
    public int workers() {
        return 1 + executors;
    }

    /** The executors' vCPUs together: what query work is spread over. */
    public int executorVCpus() {
        return executors * executor.vCpu();
    }

    /**
     * e.g. {@code 1 driver + 3 executors, 4 vCPU / 16 GB / 20 GB disk each}, or with different sizes
     * {@code driver 2 vCPU / 8 GB / 20 GB disk + 3 executors of 4 vCPU / 16 GB / 20 GB disk}.
     */
    public String describe() {
        String executorWord = executors == 1 ? "executor" : "executors";
        if (driver.equals(executor)) {
            return "1 driver + " + executors + " " + executorWord + ", " + driver.describe() + " each";
        }
        return "driver " + driver.describe() + " + " + executors + " " + executorWord + " of " + executor.describe();
    }
}
