package dev.benchbox.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobRunUsageTest {
    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void queueTimeIsAwsFigureWhenGivenElseSubmittedToStarted() {
        JobRunUsage derived = usage(CREATED.plusSeconds(25), CREATED.plusSeconds(100), null);
        JobRunUsage reported = usage(CREATED.plusSeconds(25), CREATED.plusSeconds(100), Duration.ofSeconds(20));

        assertThat(derived.queueDuration()).contains(Duration.ofSeconds(25));
        assertThat(reported.queueDuration()).contains(Duration.ofSeconds(20));
        assertThat(derived.wallClock()).contains(Duration.ofSeconds(100));
        assertThat(usage(null, null, null).queueDuration()).isEmpty();
        assertThat(usage(null, null, null).wallClock()).isEmpty();
    }

    @Test
    void rejectsNegativeDurations() {
        assertThatThrownBy(() -> usage(null, null, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JobRunUsage("id", "n", "query", "SUCCESS", ResourceUtilization.ZERO,
                ResourceUtilization.ZERO, -1, null, null, null, null, Architecture.X86_64, "us-east-1", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void architectureReadsAwsAndUserSpellings() {
        assertThat(Architecture.parse("X86_64")).isEqualTo(Architecture.X86_64);
        assertThat(Architecture.parse("arm64")).isEqualTo(Architecture.ARM64);
        assertThat(Architecture.parse("aarch64")).isEqualTo(Architecture.ARM64);
        assertThat(Architecture.ARM64.toString()).isEqualTo("arm64");
    }

    @Test
    void durationsReadLikeTheRestOfTheReport() {
        assertThat(CostFormat.duration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(CostFormat.duration(Duration.ofSeconds(300))).isEqualTo("5m 00s");
        assertThat(CostFormat.duration(Duration.ofSeconds(3723))).isEqualTo("1h 02m 03s");
    }

    private static JobRunUsage usage(Instant started, Instant ended, Duration queued) {
        return new JobRunUsage("00f1", "benchbox test", "query", "SUCCESS", ResourceUtilization.ZERO,
                ResourceUtilization.ZERO, 75, started == null ? null : CREATED, started, ended, queued,
                Architecture.X86_64, "us-east-1", null);
    }
}
