package dev.benchbox.platform.emr.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;

/** The poll schedule on a fake clock: sleeps advance it, nothing waits. */
class PollScheduleTest {
    /** 100 ms, doubling (±20% jitter), capped at JobRunner.MAX_POLL (1.5 s). */
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 2);

    private long now;
    private final List<Long> sleeps = new ArrayList<>();

    private PollSchedule schedule(double budgetPerSecond) {
        return new PollSchedule(BACKOFF, new PollSchedule.Budget(budgetPerSecond, () -> now), () -> now, millis -> {
            sleeps.add(millis);
            now += TimeUnit.MILLISECONDS.toNanos(millis);
        });
    }

    /** Polls a run that starts RUNNING after {@code startPolls} polls and ends at {@code endMillis} after it started running. */
    private long follow(PollSchedule.Run run, int startPolls, long endMillis) throws InterruptedException {
        JobRunState state = null;
        long runningAt = -1;
        for (int poll = 0; ; poll++) {
            run.pause(state);
            state = poll < startPolls ? JobRunState.SCHEDULED : JobRunState.RUNNING;
            if (state == JobRunState.RUNNING && runningAt < 0) {
                runningAt = now;
            }
            if (runningAt >= 0 && now - runningAt >= TimeUnit.MILLISECONDS.toNanos(endMillis)) {
                run.ended();
                // how late the end was seen: from when it happened to this poll
                return TimeUnit.NANOSECONDS.toMillis(now - runningAt) - endMillis;
            }
        }
    }

    @Test
    void backsOffWhileTheRunStartsAndPollsFastWhileNothingIsLearned() throws InterruptedException {
        PollSchedule.Run run = schedule(1000).start();
        long late = follow(run, 6, 10_000);
        // starting: 100, 200, 400, 800, 1500 (capped), 1500, each ±20%; running with nothing learned: a quarter second each
        long[] backoff = {100, 200, 400, 800, 1500, 1500};
        for (int i = 0; i < backoff.length; i++) {
            assertThat(sleeps.get(i)).isBetween(backoff[i] * 8 / 10, backoff[i] * 12 / 10);
        }
        assertThat(sleeps.subList(7, sleeps.size())).allSatisfy(ms -> assertThat(ms).isEqualTo(250L));
        assertThat(late).isLessThanOrEqualTo(250);
    }

    @Test
    void pollsSlowlyUntilNearTheEndTheLastRunTookThenFast() throws InterruptedException {
        PollSchedule schedule = schedule(1000);
        follow(schedule.start(), 0, 60_000); // learns: a minute RUNNING
        sleeps.clear();

        long late = follow(schedule.start(), 0, 60_000);
        long fast = sleeps.stream().filter(ms -> ms == 250L).count();
        long slow = sleeps.stream().filter(ms -> ms > 250L).count();
        // 48 s (80% of a minute) backing off to its cap (1.2-1.8 s with jitter), then the last 12 s every quarter second
        assertThat(slow).isBetween(26L, 44L);
        assertThat(fast).isBetween(44L, 52L);
        assertThat(late).isLessThanOrEqualTo(250);
        assertThat(sleeps.size()).isLessThan(240 / 2); // against polling every 250 ms throughout: about half the requests
    }

    @Test
    void everyRunOfTheProcessSharesOneBudget() throws InterruptedException {
        PollSchedule schedule = schedule(4);
        PollSchedule.Run first = schedule.start();
        PollSchedule.Run second = schedule.start();
        first.pause(JobRunState.RUNNING);
        sleeps.clear();
        long before = now;
        second.pause(JobRunState.RUNNING);
        first.pause(JobRunState.RUNNING);
        second.pause(JobRunState.RUNNING);
        // three polls after the first can come no faster than 4 a second between them
        assertThat(TimeUnit.NANOSECONDS.toMillis(now - before)).isGreaterThanOrEqualTo(3 * 250 - 3);
    }

    @Test
    void throttlingDoublesTheWaitsAndAnswersEaseThemAgain() throws InterruptedException {
        PollSchedule.Run run = schedule(1000).start();
        run.pause(JobRunState.RUNNING);
        run.throttled();
        run.throttled();
        sleeps.clear();
        run.pause(JobRunState.RUNNING);
        assertThat(sleeps.get(0)).isEqualTo(1000L); // 250 ms × 4
        for (int i = 0; i < 10; i++) {
            run.throttled();
        }
        sleeps.clear();
        run.pause(JobRunState.RUNNING);
        assertThat(sleeps.get(0)).isEqualTo(PollSchedule.MAX_THROTTLED.toMillis());
        for (int i = 0; i < 6; i++) {
            run.answered();
        }
        sleeps.clear();
        run.pause(JobRunState.RUNNING);
        assertThat(sleeps.get(0)).isEqualTo(250L);
    }
}
