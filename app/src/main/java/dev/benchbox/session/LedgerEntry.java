package dev.benchbox.session;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One thing the session ran: a load, a query, a benchmark run.
 *
 * @param at when it started
 * @param platform the platform it ran on
 * @param kind {@code load}, {@code query} or {@code run}
 * @param detail what ran, in a few words
 * @param elapsedMillis how long it took, end to end
 */
public record LedgerEntry(Instant at, String platform, String kind, String detail, double elapsedMillis) {
    public LedgerEntry {
        requireNonNull(at, "at is null");
        requireNonNull(platform, "platform is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(detail, "detail is null");
    }
}
