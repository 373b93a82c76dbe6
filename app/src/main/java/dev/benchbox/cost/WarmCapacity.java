package dev.benchbox.cost;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an application's pre-initialised workers bill outside job runs: AWS bills them while the application is started,
 * and a job's {@code billedResourceUtilization} holds only the warm workers it used. Kept for the times the shell had the
 * application started (from a start until a stop, or until its auto-stop: the idle timeout after the last job run
 * ended, as AWS applies it), minus what its job runs used of them.
 */
public final class WarmCapacity {
    /** The ledger line of an application the shell had started. */
    public static final String STARTED_BY_SHELL = "idle pre-initialised workers";
    /**
     * The ledger line of an application the shell found started (a user's own): counted from when the shell first saw it
     * started and while it was connected, since its idle time before that is unknown to the shell.
     */
    public static final String SEEN_STARTED = "idle pre-initialised workers since seen started";

    private final SpendingLimit.PreInitialized warm;
    private final Duration idleTimeout;
    private final String name;
    private final List<Instant[]> started = new ArrayList<>();
    private Instant open;
    private String closedState = "STOPPED";

    /** The warm workers of an application the shell starts. */
    public WarmCapacity(SpendingLimit.PreInitialized warm, Duration idleTimeout) {
        this(warm, idleTimeout, STARTED_BY_SHELL);
    }

    /** @param name {@link #STARTED_BY_SHELL} or {@link #SEEN_STARTED}: the ledger line's name, which says how it was counted */
    public WarmCapacity(SpendingLimit.PreInitialized warm, Duration idleTimeout, String name) {
        this.warm = requireNonNull(warm, "warm is null");
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout is null");
        this.name = requireNonNull(name, "name is null");
    }

    /** The warm workers counted. */
    public SpendingLimit.PreInitialized workers() {
        return warm;
    }

    /** The shell started the application (or found it started after starting it). */
    public synchronized void started(Instant at) {
        if (open == null) {
            open = at;
        }
    }

    /** The shell stopped the application (it may have stopped itself earlier: {@link #usage} works that out). */
    public synchronized void stopped(Instant at) {
        if (open != null) {
            started.add(new Instant[] {open, at});
            open = null;
            closedState = "STOPPED";
        }
    }

    /** The shell disconnected from an application it leaves started: what it bills from now on is unknown to the shell. */
    public synchronized void disconnected(Instant at) {
        if (open != null) {
            stopped(at);
            closedState = "DISCONNECTED";
        }
    }

    /**
     * The idle warm workers' usage until {@code now}, as one ledger line named after the application; empty when there
     * were none. Within each time the shell had it started, the application stops itself the idle timeout after its
     * last job run ended (or its start) and starts again with the next job run, as AWS's auto-stop and auto-start do.
     *
     * @param runs         the job runs on the application (the warm workers they used are billed to them)
     * @param jobExecutors the executors each job run asks for (they take warm executors first, as EMR Serverless does)
     */
    public synchronized Optional<JobRunUsage> usage(String applicationId, Instant now, List<JobRunUsage> runs, int jobExecutors,
            Architecture architecture, String region) {
        List<Instant[]> shell = new ArrayList<>(started);
        if (open != null) {
            shell.add(new Instant[] {open, now});
        }
        List<JobRunUsage> byCreation = runs.stream().filter(r -> r.createdAt() != null)
                .sorted(java.util.Comparator.comparing(JobRunUsage::createdAt)).toList();
        List<Instant[]> spans = new ArrayList<>();
        for (Instant[] span : shell) {
            Instant from = span[0];
            Instant active = span[0];
            for (JobRunUsage run : byCreation) {
                if (run.createdAt().isBefore(span[0]) || run.createdAt().isAfter(span[1])) {
                    continue;
                }
                if (run.createdAt().isAfter(active.plus(idleTimeout))) { // stopped itself; this run started it again
                    spans.add(new Instant[] {from, active.plus(idleTimeout)});
                    from = run.createdAt();
                }
                active = later(active, run.endedAt() == null ? span[1] : run.endedAt());
            }
            spans.add(new Instant[] {from, earliest(span[1], active.plus(idleTimeout))});
        }
        long driverSeconds = 0;
        long executorSeconds = 0;
        long seconds = 0;
        for (Instant[] span : spans) {
            long up = seconds(span[0], span[1]);
            seconds += up;
            driverSeconds += warm.drivers() * up;
            executorSeconds += warm.executors() * up;
            for (JobRunUsage run : runs) {
                if (run.startedAt() != null && run.endedAt() != null) {
                    long used = seconds(later(run.startedAt(), span[0]), earliest(run.endedAt(), span[1]));
                    driverSeconds -= Math.min(warm.drivers(), 1) * used;
                    executorSeconds -= Math.min(warm.executors(), jobExecutors) * used;
                }
            }
        }
        ResourceUtilization idle = hours(warm.driver(), Math.max(0, driverSeconds)).plus(hours(warm.executor(), Math.max(0, executorSeconds)));
        if (seconds == 0 || idle.equals(ResourceUtilization.ZERO)) {
            return Optional.empty();
        }
        return Optional.of(new JobRunUsage(applicationId, name, CostReportPrinter.IDLE_CAPACITY,
                open == null ? closedState : "STARTED", idle, idle, seconds, spans.get(0)[0], spans.get(0)[0],
                spans.get(spans.size() - 1)[1], null, architecture, region, null));
    }

    // vCPU and memory for the whole time; storage only above the 20 GB each worker has free, as billed
    private static ResourceUtilization hours(WorkerSize size, long workerSeconds) {
        if (size == null || workerSeconds == 0) {
            return ResourceUtilization.ZERO;
        }
        double h = workerSeconds / 3600.0;
        return new ResourceUtilization(size.vCpu() * h, size.memoryGb() * h,
                Math.max(0, size.diskGb() - BillingRules.FREE_STORAGE_GB_PER_WORKER) * h);
    }

    private static long seconds(Instant from, Instant to) {
        return to.isAfter(from) ? Duration.between(from, to).toSeconds() : 0;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
