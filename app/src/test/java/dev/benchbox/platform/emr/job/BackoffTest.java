package dev.benchbox.platform.emr.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void growsFromTheFirstWaitToTheLongestWithJitter() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 2);

        assertThat(backoff.delayMillis(0)).isBetween(80L, 120L);
        assertThat(backoff.delayMillis(2)).isBetween(320L, 480L);
        assertThat(backoff.delayMillis(50)).isBetween(1600L, 2400L);
    }

    @Test
    void aCapShortensOnlyTheLongWaits() {
        Backoff capped = Backoff.DEFAULT.cappedAt(Duration.ofMillis(1500));

        assertThat(capped).isEqualTo(new Backoff(Duration.ofMillis(250), Duration.ofMillis(1500), 1.6));
        assertThat(capped.delayMillis(40)).isBetween(1200L, 1800L);
        // a cap above the longest wait changes nothing; one below the first wait becomes the only wait
        assertThat(Backoff.DEFAULT.cappedAt(Duration.ofMinutes(1))).isSameAs(Backoff.DEFAULT);
        assertThat(Backoff.DEFAULT.cappedAt(Duration.ofMillis(10)))
                .isEqualTo(new Backoff(Duration.ofMillis(10), Duration.ofMillis(10), 1.6));
    }
}
