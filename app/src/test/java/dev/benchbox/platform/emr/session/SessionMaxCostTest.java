package dev.benchbox.platform.emr.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.cost.Architecture;
import dev.benchbox.cost.JobCapacity;
import dev.benchbox.cost.PricingTable;
import dev.benchbox.cost.SpendingLimit;
import dev.benchbox.platform.RowSink;
import dev.benchbox.platform.SessionControl;
import dev.benchbox.platform.SessionInfo;
import dev.benchbox.platform.WorkCancelled;
import dev.benchbox.platform.emr.job.Backoff;
import dev.benchbox.standin.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --max-cost} over an open session: billed from its start, idle included, projected at a clock the test moves. */
class SessionMaxCostTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** GetSession answers at once: started at T0, terminated once asked, billed as AWS would say then. */
    private static final class Api implements SessionApi {
        final List<String> terminated = new ArrayList<>();
        private final MutableClock clock;

        Api(MutableClock clock) {
            this.clock = clock;
        }

        @Override
        public String start(StartRequest request) {
            return "s1";
        }

        @Override
        public Described get(String applicationId, String sessionId) {
            boolean ended = terminated.contains(sessionId);
            SessionInfo info = new SessionInfo(sessionId, "bench", ended ? "TERMINATED" : "IDLE", "", "emr-7.13.0", T0, T0,
                    ended ? clock.instant() : null, 30);
            // 30 minutes of 4 standard workers: 8 vCPU-hours, 32 GB-hours
            Utilization billed = ended ? new Utilization(8, 32, 0) : new Utilization(0, 0, 0);
            return new Described(info, billed, billed, ended ? 1800 : 0);
        }

        @Override
        public Endpoint endpoint(String applicationId, String sessionId) {
            throw new AssertionError("no statement may reach Spark Connect past the limit");
        }

        @Override
        public List<SessionInfo> list(String applicationId, List<String> states) {
            return List.of();
        }

        @Override
        public void terminate(String applicationId, String sessionId) {
            terminated.add(sessionId);
        }

        @Override
        public String dashboard(String applicationId, String sessionId) {
            return "";
        }

        @Override
        public boolean sessionsEnabled(String applicationId) {
            return true;
        }

        @Override
        public void enableSessions(String applicationId, String clientToken) {
        }
    }

    private final MutableClock clock = new MutableClock(T0);
    private final Api api = new Api(clock);
    private final EmrSessionControl sessions = new EmrSessionControl(api, new EmrSessionControl.Settings("app", "arn:aws:iam::1:role/r",
            "emr-7.13.0", false, () -> { }, JobCapacity.DEFAULT, "us-east-1", Architecture.X86_64, Duration.ofMinutes(5)),
            new Backoff(Duration.ZERO, Duration.ZERO, 1), clock);

    private SpendingLimit limit(String usd) {
        return new SpendingLimit(new BigDecimal(usd), PricingTable.load().price("us-east-1", Architecture.X86_64), JobCapacity.DEFAULT,
                SpendingLimit.PreInitialized.NONE, clock.instant());
    }

    @Test
    void theSessionCountsFromItsStartIdleTimeIncludedAndPassingTheLimitTerminatesIt() throws Exception {
        sessions.start(null, null, SessionControl.Progress.NONE);
        SpendingLimit limit = limit("0.50");
        try (AutoCloseable held = sessions.limit(limit, clock)) {
            // 4 workers (4 vCPU, 16 GB) for 10 idle minutes: $0.20
            clock.advance(Duration.ofMinutes(10));
            assertThat(sessions.budgetPassed(limit, clock.instant())).isFalse();
            assertThat(limit.projected(clock.instant())).isCloseTo(new BigDecimal("0.201968"),
                    org.assertj.core.data.Offset.offset(new BigDecimal("0.000001")));
            // 30 minutes: $0.61, past the limit; the next statement is not started and the session is terminated
            clock.advance(Duration.ofMinutes(20));
            assertThatThrownBy(() -> sessions.execute("tpch_sf1", "SELECT 1", RowSink.DISCARD))
                    .isInstanceOf(WorkCancelled.class)
                    .hasMessage("projected cost $0.61 passed --max-cost $0.50 while session s1 had been up 30m 00s (billed from its start,"
                            + " idle time included): the next statement was not started, session s1 was terminated; billed so far $0.61"
                            + " (job runs and sessions as AWS billed them), see 'cost'");
        }
        assertThat(api.terminated).containsExactly("s1");
        assertThat(sessions.isOpen()).isFalse();
    }

    @Test
    void withoutALimitTheSessionIsNotWatched() {
        sessions.start(null, null, SessionControl.Progress.NONE);
        clock.advance(Duration.ofHours(5));
        assertThat(sessions.usage()).singleElement().satisfies(u -> assertThat(u.state()).isEqualTo("IDLE (estimate)"));
        assertThat(api.terminated).isEmpty();
    }
}
