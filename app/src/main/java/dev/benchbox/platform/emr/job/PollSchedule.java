package dev.benchbox.platform.emr.job;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;

/**
 * When to ask GetJobRun about a job run next, so that its end is noticed soon (within {@link #NEAR_END} plus one round
 * trip) without spending the request quota on the minutes before it.
 *
 * <ul>
 *   <li>Before the run is RUNNING (submitted, queued, scheduled, pending) the platform's backoff applies, capped at
 *       {@link JobRunner#MAX_POLL}: a start takes tens of seconds and is only shown.</li>
 *   <li>While it runs, polls come every {@link #NEAR_END} once the run is near its expected end: the RUNNING time of
 *       the last run this schedule followed (runs of one connection are alike: a stream's queries, a sweep's repeats),
 *       less a fifth. Before that, the backoff. With nothing learned yet, every {@link #NEAR_END}.</li>
 *   <li>Every poll of every run of the process takes its turn from one budget of {@link #BUDGET_PER_SECOND} requests a
 *       second. GetJobRun's quota is 10 requests a second per account and region (burst 50; AWS's "Endpoints and
 *       quotas for EMR Serverless"), shared with the user's other shells and tools: this process takes at most
 *       {@link #BUDGET_PER_SECOND}, so a throughput test's streams slow each other's polling rather than the account's.</li>
 *   <li>A throttled poll (the SDK's own retries exhausted) doubles the run's waits, up to {@link #MAX_THROTTLED}; each
 *       answered poll halves the penalty again.</li>
 * </ul>
 * Time and sleeping are injected, so tests check the schedule without waiting.
 */
public final class PollSchedule {
    /** GetJobRun requests a second this process allows itself, all runs together: under half of the account's 10. */
    static final double BUDGET_PER_SECOND = 4;
    /** The wait between polls near the expected end (and while nothing is learned): the end is noticed within it. */
    static final Duration NEAR_END = Duration.ofMillis(250);
    /** How long before the expected end the fast polls start, as a share of the expected RUNNING time. */
    static final double NEAR_SHARE = 0.2;
    /** The longest wait while throttled. */
    static final Duration MAX_THROTTLED = Duration.ofSeconds(10);

    /** Sleeps; an interrupt (Ctrl-C) ends the sleep. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper THREAD = millis -> TimeUnit.MILLISECONDS.sleep(millis);

        void sleep(long millis) throws InterruptedException;
    }

    /** The process's one budget: every schedule's polls are spaced through it. */
    private static final Budget PROCESS_BUDGET = new Budget(BUDGET_PER_SECOND, System::nanoTime);

    private final Backoff backoff;
    private final Budget budget;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    /** The last ended run's RUNNING time in nanoseconds; negative while none has ended. */
    private volatile long expectedRunningNanos = -1;

    /** The schedule with the process's budget, the system clock and real sleeps. */
    public static PollSchedule of(Backoff backoff) {
        return new PollSchedule(backoff, PROCESS_BUDGET, System::nanoTime, Sleeper.THREAD);
    }

    PollSchedule(Backoff backoff, Budget budget, LongSupplier nanoTime, Sleeper sleeper) {
        this.backoff = requireNonNull(backoff, "backoff is null").cappedAt(JobRunner.MAX_POLL);
        this.budget = requireNonNull(budget, "budget is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
    }

    /** Starts following one job run. */
    public Run start() {
        return new Run();
    }

    /** One job run's polls: not shared between threads. */
    public final class Run {
        private int attempt;
        private long runningSince = -1;
        private int penalty;

        private Run() {
        }

        /**
         * Waits before the next poll, given the state the last poll found (null before the first): the schedule's wait,
         * then the budget's turn.
         */
        public void pause(JobRunState state) throws InterruptedException {
            long now = nanoTime.getAsLong();
            if (state == JobRunState.RUNNING && runningSince < 0) {
                runningSince = now;
            }
            long wait = delayMillis(state, runningSince < 0 ? -1 : now - runningSince);
            attempt++;
            sleeper.sleep(wait);
            long turn = budget.reserve();
            if (turn > 0) {
                sleeper.sleep(TimeUnit.NANOSECONDS.toMillis(turn) + 1);
            }
        }

        /** The wait before the next poll in milliseconds, for a run {@code runningNanos} into RUNNING (negative: not yet). */
        long delayMillis(JobRunState state, long runningNanos) {
            long slow = backoff.delayMillis(attempt);
            long wait;
            if (state != JobRunState.RUNNING) {
                wait = slow;
            } else {
                long expected = expectedRunningNanos;
                long untilNear = expected < 0 ? 0 : (long) (expected * (1 - NEAR_SHARE)) - runningNanos;
                wait = untilNear <= 0 ? NEAR_END.toMillis()
                        : Math.min(slow, Math.max(NEAR_END.toMillis(), TimeUnit.NANOSECONDS.toMillis(untilNear)));
            }
            return penalty == 0 ? wait : Math.min(MAX_THROTTLED.toMillis(), wait << penalty);
        }

        /** The poll was throttled: wait longer from now on. */
        public void throttled() {
            penalty = Math.min(penalty + 1, 6);
        }

        /** The poll was answered: a throttling penalty eases. */
        public void answered() {
            penalty = Math.max(0, penalty - 1);
        }

        /** The run ended: its RUNNING time is what the next run is expected to take. */
        public void ended() {
            if (runningSince >= 0) {
                expectedRunningNanos = nanoTime.getAsLong() - runningSince;
            }
        }
    }

    /**
     * Requests a second shared by every schedule of the process: each poll reserves the next free turn, a
     * {@code 1/perSecond} slot after the last one.
     */
    static final class Budget {
        private final long spacingNanos;
        private final LongSupplier nanoTime;
        private long nextFree = Long.MIN_VALUE;

        Budget(double perSecond, LongSupplier nanoTime) {
            if (!(perSecond > 0)) {
                throw new IllegalArgumentException("a budget needs a positive rate");
            }
            this.spacingNanos = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
            this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        }

        /** Takes the next turn; returns how long until it comes, in nanoseconds (0: now). */
        synchronized long reserve() {
            long now = nanoTime.getAsLong();
            long at = nextFree == Long.MIN_VALUE ? now : Math.max(now, nextFree);
            nextFree = at + spacingNanos;
            return at - now;
        }
    }
}
