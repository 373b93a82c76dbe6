package dev.benchbox.standin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * EMR Serverless's billing rules for one job run. {@code totalResourceUtilization} is what ran: each worker's
 * size × its running time. {@code billedResourceUtilization} is what costs money: each worker is billed
 * for at least one minute, and storage only above the 20 GB every worker gets free. Idle pre-initialised
 * workers are billed to the application, never to a job, so only the workers a job used are passed here.
 */
public final class Billing {

    /** Storage every worker gets without charge. */
    public static final int FREE_STORAGE_GB = 20;
    /** The minimum billed time of each worker. */
    public static final Duration MINIMUM = Duration.ofMinutes(1);

    /** One worker a job used and how long it ran. */
    public record WorkerUsage(WorkerSize size, Duration running) {
        public WorkerUsage {
            requireNonNull(size, "size is null");
            requireNonNull(running, "running is null");
            if (running.isNegative()) {
                throw new IllegalArgumentException("running time is negative: " + running);
            }
        }
    }

    private Billing() {
    }

    public static ResourceUtilization total(List<WorkerUsage> workers) {
        double cpu = 0;
        double memory = 0;
        double storage = 0;
        for (WorkerUsage w : workers) {
            double hours = hours(w.running());
            cpu += w.size().vcpu() * hours;
            memory += w.size().memoryGb() * hours;
            storage += w.size().diskGb() * hours;
        }
        return rounded(cpu, memory, storage);
    }

    public static ResourceUtilization billed(List<WorkerUsage> workers) {
        double cpu = 0;
        double memory = 0;
        double storage = 0;
        for (WorkerUsage w : workers) {
            double hours = hours(w.running().compareTo(MINIMUM) < 0 ? MINIMUM : w.running());
            cpu += w.size().vcpu() * hours;
            memory += w.size().memoryGb() * hours;
            storage += Math.max(0, w.size().diskGb() - FREE_STORAGE_GB) * hours;
        }
        return rounded(cpu, memory, storage);
    }

    private static double hours(Duration d) {
        return d.toMillis() / 3_600_000.0;
    }

    private static ResourceUtilization rounded(double cpu, double memory, double storage) {
        return new ResourceUtilization(round(cpu), round(memory), round(storage));
    }

    private static double round(double v) {
        return BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).doubleValue();
    }
}
