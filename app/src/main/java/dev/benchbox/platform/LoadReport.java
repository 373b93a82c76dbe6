package dev.benchbox.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows loaded per table, in load order, how long the load took, and what the platform has to say about it
 * (e.g. what it uploaded), one line each.
 */
public record LoadReport(Map<String, Long> rowCounts, long elapsedNanos, List<String> notes) {
    public LoadReport {
        rowCounts = Collections.unmodifiableMap(new LinkedHashMap<>(rowCounts));
        notes = List.copyOf(notes);
    }

    public LoadReport(Map<String, Long> rowCounts, long elapsedNanos) {
        this(rowCounts, elapsedNanos, List.of());
    }
}
