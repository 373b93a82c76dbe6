package dev.benchbox.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The four outcomes of a run's query executions, counted apart so that an answer nobody checked is never counted
 * as a good one: validated (value by value, or by row count only), failed (a wrong answer), error (did not run) and
 * ran but not validated (no reference answer to check it against, or validation was off).
 *
 * @param executions every measured execution
 * @param validated answers checked and found right
 * @param exact of those, checked value by value
 * @param rowCount of those, checked by their row count only
 * @param cross of those, checked value by value against DuckDB's answer on the same data (no reference answer);
 *              left out of results files when none were
 * @param unvalidated executions that ran but whose answers were not checked
 * @param failed answers checked and found wrong
 * @param errors executions that did not run
 * @param unvalidatedReason why answers went unchecked, in a few words; null when none did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Outcomes(int executions, int validated, int exact, int rowCount,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int cross, int unvalidated, int failed, int errors,
        String unvalidatedReason) {
    public Outcomes {
        if (validated != exact + rowCount + cross || executions != validated + unvalidated + failed + errors) {
            throw new IllegalArgumentException("outcome counts do not add up");
        }
        if ((unvalidated > 0) != (unvalidatedReason != null)) {
            throw new IllegalArgumentException("a reason goes with unvalidated answers, and only with them");
        }
    }

    /**
     * Counts the executions of a run. The reason for unchecked answers follows from how the run validated: with
     * validation off, that; otherwise there was no reference answer for them at the run's scale.
     */
    public static Outcomes of(List<QueryResult> queries, String validationMode, String scale) {
        int exact = 0;
        int rowCount = 0;
        int cross = 0;
        int unvalidated = 0;
        int failed = 0;
        int errors = 0;
        boolean off = true;
        for (QueryResult query : queries) {
            switch (query.status()) {
                case QueryResult.VALIDATED -> {
                    if ("exact".equals(query.validation())) {
                        exact++;
                    } else if ("cross".equals(query.validation())) {
                        cross++;
                    } else {
                        rowCount++;
                    }
                }
                case QueryResult.UNVALIDATED -> {
                    unvalidated++;
                    off &= "validation off".equals(query.message());
                }
                case QueryResult.FAILED -> failed++;
                default -> errors++;
            }
        }
        String reason = null;
        if (unvalidated > 0) {
            reason = off || "off".equals(validationMode) ? "validation off" : "no reference answers at SF " + scale;
        }
        return new Outcomes(queries.size(), exact + rowCount + cross, exact, rowCount, cross, unvalidated, failed, errors, reason);
    }

    /** Whether every execution ran and its answer was checked and right. */
    @JsonIgnore
    public boolean allValidated() {
        return executions > 0 && validated == executions;
    }

    /**
     * The counts for people, e.g. {@code 22 validated (22 exact), 0 failed, 0 errors} or {@code 0 validated,
     * 99 ran but not validated (no reference answers at SF 0.01), 0 failed, 0 errors}.
     */
    public String describe() {
        StringBuilder text = new StringBuilder().append(validated).append(" validated");
        List<String> how = new ArrayList<>();
        if (exact > 0) {
            how.add(exact + " exact");
        }
        if (rowCount > 0) {
            how.add(rowCount + " by row count");
        }
        if (cross > 0) {
            how.add(cross + " cross-checked against DuckDB");
        }
        if (!how.isEmpty()) {
            text.append(" (").append(String.join(", ", how)).append(')');
        }
        if (unvalidated > 0) {
            text.append(String.format(Locale.ROOT, ", %d ran but not validated (%s)", unvalidated, unvalidatedReason));
        }
        return text.append(String.format(Locale.ROOT, ", %d failed, %d %s", failed, errors, errors == 1 ? "error" : "errors"))
                .toString();
    }

    /**
     * The counts in a few words for a table cell: {@code 22 validated}, or with what else happened, e.g.
     * {@code 0 validated, 99 not validated} or {@code 20 validated, 1 failed, 1 error}.
     */
    public String brief() {
        StringBuilder text = new StringBuilder().append(validated).append(" validated");
        if (unvalidated > 0) {
            text.append(", ").append(unvalidated).append(" not validated");
        }
        if (failed > 0) {
            text.append(", ").append(failed).append(" failed");
        }
        if (errors > 0) {
            text.append(", ").append(errors).append(errors == 1 ? " error" : " errors");
        }
        return text.toString();
    }
}
