package dev.benchbox.cost;

import java.time.Duration;
import java.time.Instant;

/** Job runs for tests. */
final class Runs {
    private Runs() {
    }

    static JobRunUsage run(String id, String region, Architecture architecture, ResourceUtilization total,
            ResourceUtilization billed) {
        return new JobRunUsage(id, "benchbox test", "query", "SUCCESS", total, billed, 60,
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:20Z"),
                Instant.parse("2025-01-01T00:01:20Z"), null, architecture, region, null);
    }

    static JobRunUsage run(String id, String name, String kind, String state, long seconds,
            ResourceUtilization total, ResourceUtilization billed) {
        return new JobRunUsage(id, name, kind, state, total, billed, seconds, null, null, null,
                Duration.ofSeconds(12), Architecture.X86_64, "us-east-1", null);
    }
}
