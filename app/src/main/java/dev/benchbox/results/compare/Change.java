package dev.benchbox.results.compare;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a query (or the geometric mean) of one run compares with the baseline's. */
public enum Change {
    /** The baseline itself. */
    BASELINE(""),
    /** Within the measured noise: not a change. */
    SAME("~"),
    FASTER("faster"),
    /** Slower beyond the noise, but not beyond the regression threshold (or none was given). */
    SLOWER("slower"),
    /** Slower beyond the noise and beyond the threshold of {@code --fail-on-regression}. */
    REGRESSION("REGRESSION"),
    /** Too few warm samples in this run or the baseline to tell a change from noise. */
    UNJUDGED("?"),
    /** Not timed in this run or in the baseline (not selected, or it failed to run). */
    MISSING("missing");

    private final String mark;

    Change(String mark) {
        this.mark = mark;
    }

    /** How the printed comparison marks it. */
    public String mark() {
        return mark;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
