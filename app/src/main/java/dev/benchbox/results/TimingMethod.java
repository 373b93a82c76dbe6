package dev.benchbox.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a query's time was measured. Times taken in different places include different overheads (a round trip
 * from the shell includes the network and the session's protocol; a time taken in the Spark driver does not), so a
 * ratio across them compares more than the engines.
 */
public enum TimingMethod {
    /** Inside the Spark driver of a job run, around each query. */
    DRIVER("driver", "in the Spark driver"),
    /** Around the JDBC call in the shell's own process (an embedded engine: no network). */
    JDBC("jdbc", "as a JDBC round trip"),
    /** From the shell through an interactive session, a round trip per query. */
    SESSION("session", "as a session round trip from the shell"),
    /** Not recorded (a results file written before it was) and not to be inferred. */
    UNKNOWN("unknown", "in a way not recorded");

    private final String label;
    private final String description;

    TimingMethod(String label, String description) {
        this.label = label;
        this.description = description;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** How the times were taken, for a sentence: {@code timed in the Spark driver}. */
    public String description() {
        return description;
    }

    /** The method a results file names; an unknown name is {@link #UNKNOWN}. */
    @JsonCreator
    public static TimingMethod ofLabel(String label) {
        for (TimingMethod method : values()) {
            if (method.label.equals(label)) {
                return method;
            }
        }
        return UNKNOWN;
    }
}
