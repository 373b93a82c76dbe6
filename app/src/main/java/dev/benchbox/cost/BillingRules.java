package dev.benchbox.cost;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * AWS's billing model for an EMR Serverless job run, for estimating what a run will cost before it runs (after a
 * run, AWS's own {@code billedResourceUtilization} is used instead). Per worker:
 * <ul>
 *   <li>time is billed per second, rounded up to a whole second;</li>
 *   <li>every worker is billed for at least {@link #MINIMUM_PER_WORKER one minute}, however short its life;</li>
 *   <li>vCPU and memory are billed for the worker's whole size;</li>
 *   <li>storage is billed only above the {@link #FREE_STORAGE_GB_PER_WORKER 20 GB} every worker gets free.</li>
 * </ul>
 * Idle pre-initialised workers are billed to the application, not to a job run, so they are out of scope here.
 * The estimate assumes every worker lives for the whole run; dynamic allocation can only make it cheaper.
 */
public final class BillingRules {

    /** The least a worker is billed for. */
    public static final Duration MINIMUM_PER_WORKER = Duration.ofMinutes(1);
    /** Ephemeral storage each worker gets without charge. */
    public static final int FREE_STORAGE_GB_PER_WORKER = 20;

    private static final double SECONDS_PER_HOUR = 3600;

    private BillingRules() {
    }

    /** How long one worker that ran for {@code running} is billed: whole seconds, at least one minute. */
    public static Duration billedDuration(Duration running) {
        return Duration.ofSeconds(Math.max(wholeSeconds(running), MINIMUM_PER_WORKER.toSeconds()));
    }

    /** What {@code count} workers of one size use in {@code running}, without billing's minimums (AWS's "total"). */
    public static ResourceUtilization total(WorkerSize size, int count, Duration running) {
        return new WorkerSeconds().addTotal(size, count, running).toHours();
    }

    /** What AWS bills for {@code count} workers of one size that each ran for {@code running}. */
    public static ResourceUtilization billed(WorkerSize size, int count, Duration running) {
        return new WorkerSeconds().addBilled(size, count, running).toHours();
    }

    /** {@link #total(WorkerSize, int, Duration)} for a job's driver and executors, all running for {@code running}. */
    public static ResourceUtilization total(JobCapacity capacity, Duration running) {
        requireNonNull(capacity, "capacity is null");
        return new WorkerSeconds().addTotal(capacity.driver(), 1, running)
                .addTotal(capacity.executor(), capacity.executors(), running).toHours();
    }

    /** {@link #billed(WorkerSize, int, Duration)} for a job's driver and executors, all running for {@code running}. */
    public static ResourceUtilization billed(JobCapacity capacity, Duration running) {
        requireNonNull(capacity, "capacity is null");
        return new WorkerSeconds().addBilled(capacity.driver(), 1, running)
                .addBilled(capacity.executor(), capacity.executors(), running).toHours();
    }

    /**
     * Sums in exact integer resource-seconds and divides once at the end, so an hour figure is the double nearest
     * to the true value rather than a sum of rounded parts.
     */
    private static final class WorkerSeconds {
        private long vCpu;
        private long memoryGb;
        private long storageGb;

        WorkerSeconds addTotal(WorkerSize size, int count, Duration running) {
            requireNonNull(size, "size is null");
            return add(size, count, wholeSeconds(running), size.diskGb());
        }

        WorkerSeconds addBilled(WorkerSize size, int count, Duration running) {
            requireNonNull(size, "size is null");
            return add(size, count, billedDuration(running).toSeconds(),
                    Math.max(0, size.diskGb() - FREE_STORAGE_GB_PER_WORKER));
        }

        private WorkerSeconds add(WorkerSize size, int count, long seconds, int storageGbPerWorker) {
            if (count < 0) {
                throw new IllegalArgumentException("worker count is negative: " + count);
            }
            long workerSeconds = Math.multiplyExact((long) count, seconds);
            vCpu = Math.addExact(vCpu, Math.multiplyExact(workerSeconds, size.vCpu()));
            memoryGb = Math.addExact(memoryGb, Math.multiplyExact(workerSeconds, size.memoryGb()));
            storageGb = Math.addExact(storageGb, Math.multiplyExact(workerSeconds, storageGbPerWorker));
            return this;
        }

        ResourceUtilization toHours() {
            return new ResourceUtilization(vCpu / SECONDS_PER_HOUR, memoryGb / SECONDS_PER_HOUR,
                    storageGb / SECONDS_PER_HOUR);
        }
    }

    private static long wholeSeconds(Duration running) {
        requireNonNull(running, "running is null");
        if (running.isNegative()) {
            throw new IllegalArgumentException("running time is negative: " + running);
        }
        return running.getNano() == 0 ? running.getSeconds() : running.getSeconds() + 1;
    }
}
