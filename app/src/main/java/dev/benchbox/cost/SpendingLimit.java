package dev.benchbox.cost;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --max-cost} while work runs: projects what AWS will bill from what is running now and says when the projection
 * passes the limit, so that the job runs can be cancelled before they bill more. The projection is: the job runs that
 * ended since the limit was set, as AWS billed them; each running job run's workers for the time since it started
 * (at least a minute each, as AWS bills); each open session's workers since it started (idle time included, as it is
 * billed until terminated); and the application's pre-initialised workers that no running job uses,
 * billed while the application is started. Times come from the caller (the service's clock), so a test moves them.
 */
public final class SpendingLimit {
    /**
     * The application's pre-initialised workers, billed while it is started whether or not a job uses them.
     *
     * @param driver  size of the warm drivers (null when none)
     * @param executor size of the warm executors (null when none)
     */
    public record PreInitialized(int drivers, WorkerSize driver, int executors, WorkerSize executor) {
        public static final PreInitialized NONE = new PreInitialized(0, null, 0, null);

        public PreInitialized {
            if (drivers < 0 || executors < 0 || drivers > 0 && driver == null || executors > 0 && executor == null) {
                throw new IllegalArgumentException("invalid pre-initialised capacity: " + drivers + " drivers, " + executors + " executors");
            }
        }
    }

    private final BigDecimal limitUsd;
    private final Rates rates;
    private final JobCapacity job;
    private final PreInitialized warm;
    private final Map<String, Instant> running = new LinkedHashMap<>();
    /** Open sessions: what each has been billed since it started, idle time included, as last checked. */
    private final Map<String, ResourceUtilization> sessions = new LinkedHashMap<>();
    private boolean sessionCounted;
    private BigDecimal endedUsd = BigDecimal.ZERO;
    private BigDecimal idleUsd = BigDecimal.ZERO;
    private Instant lastCheck;
    private String stopped;

    /**
     * @param job   the workers each job run asks for
     * @param since when the limit was set: idle pre-initialised workers count from then
     */
    public SpendingLimit(BigDecimal limitUsd, Rates rates, JobCapacity job, PreInitialized warm, Instant since) {
        this.limitUsd = requireNonNull(limitUsd, "limitUsd is null");
        this.rates = requireNonNull(rates, "rates is null");
        this.job = requireNonNull(job, "job is null");
        this.warm = requireNonNull(warm, "warm is null");
        this.lastCheck = requireNonNull(since, "since is null");
    }

    /**
     * One poll of a job run: {@code startedAt} is when it started RUNNING (null while it waits, when it bills nothing).
     * Returns why it must stop when the projection passes the limit, and keeps saying so from then on.
     */
    public synchronized Optional<String> check(String jobRunId, Instant startedAt, Instant now) {
        accrueIdle(now);
        if (startedAt != null) {
            running.put(jobRunId, startedAt);
        }
        BigDecimal projected = projected(now);
        if (stopped == null && projected.compareTo(limitUsd) > 0) {
            Instant started = running.get(jobRunId);
            stopped = "projected cost " + Usd.estimate(projected) + " passed --max-cost " + Usd.limit(limitUsd)
                    + (started == null ? "" : " while job run " + jobRunId + " ran " + CostFormat.duration(between(started, now))
                            + " on " + job.workers() + " workers (each billed at least a minute)");
        }
        return Optional.ofNullable(stopped);
    }

    /**
     * One check of an open interactive session: {@code billedSoFar} is what it has been billed since it started (its
     * workers for all that time, idle included: a session bills until terminated), {@code up} that time. Returns why
     * work must stop when the projection passes the limit, and keeps saying so from then on.
     */
    public synchronized Optional<String> checkSession(String sessionId, ResourceUtilization billedSoFar, Duration up, Instant now) {
        // up before this check (unlike a job run first seen running): its warm workers were not idle since the last one
        sessions.put(sessionId, requireNonNull(billedSoFar, "billedSoFar is null"));
        accrueIdle(now);
        sessionCounted = true;
        BigDecimal projected = projected(now);
        if (stopped == null && projected.compareTo(limitUsd) > 0) {
            stopped = "projected cost " + Usd.estimate(projected) + " passed --max-cost " + Usd.limit(limitUsd) + " while session "
                    + sessionId + " had been up " + CostFormat.duration(up) + " (billed from its start, idle time included)";
        }
        return Optional.ofNullable(stopped);
    }

    /** A job run or session ended: from now on it counts as AWS billed it. */
    public synchronized void ended(String jobRunId, ResourceUtilization billed, Instant now) {
        accrueIdle(now);
        running.remove(jobRunId);
        sessions.remove(jobRunId);
        endedUsd = endedUsd.add(CostCalculator.cost(billed, rates).total());
    }

    /** Whether a check has said to stop. */
    public synchronized boolean exceeded() {
        return stopped != null;
    }

    /** Why work stopped, what was billed (job runs as AWS billed them, idle warm workers as projected) and what is next. */
    public synchronized String explanation(String cancelled) {
        String idle = idleUsd.signum() == 0 ? "" : " and " + Usd.cost(idleUsd) + " of idle pre-initialised workers";
        return stopped + ": " + cancelled + "; billed so far " + Usd.cost(endedUsd.add(idleUsd)) + " (job runs"
                + (sessionCounted ? " and sessions" : "") + " as AWS billed them" + idle + "), see 'cost'";
    }

    /** What AWS will bill for the work so far, as projected now. */
    public synchronized BigDecimal projected(Instant now) {
        BigDecimal total = endedUsd.add(idleUsd);
        for (Instant started : running.values()) {
            total = total.add(CostCalculator.cost(BillingRules.billed(job, between(started, now)), rates).total());
        }
        for (ResourceUtilization session : sessions.values()) {
            total = total.add(CostCalculator.cost(session, rates).total());
        }
        return total;
    }

    // warm workers a running job does not use bill as idle for the time since the last check (their whole disk counted:
    // at about $0.0001 per GB-hour the free 20 GB would not move a cent)
    private void accrueIdle(Instant now) {
        Duration elapsed = between(lastCheck, now);
        if (elapsed.isZero()) {
            return;
        }
        lastCheck = now;
        // a session takes its workers from the pre-initialised ones as a job run does
        int users = running.size() + sessions.size();
        int drivers = Math.max(0, warm.drivers() - users);
        int executors = Math.max(0, warm.executors() - users * job.executors());
        ResourceUtilization idle = ResourceUtilization.ZERO;
        if (drivers > 0) {
            idle = idle.plus(BillingRules.total(warm.driver(), drivers, elapsed));
        }
        if (executors > 0) {
            idle = idle.plus(BillingRules.total(warm.executor(), executors, elapsed));
        }
        idleUsd = idleUsd.add(CostCalculator.cost(idle, rates).total());
    }

    private static Duration between(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
