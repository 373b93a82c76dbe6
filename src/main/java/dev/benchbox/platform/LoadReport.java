package dev.benchbox.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rows loaded per table, in load order, and how long the load took.
 */
public record LoadReport(Map<String, Long> rowCounts, long elapsedNanos) {
    public LoadReport {
        rowCounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rowCounts));
    }
}
