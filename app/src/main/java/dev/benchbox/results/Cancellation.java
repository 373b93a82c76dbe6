package dev.benchbox.results;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * Why a run stopped before its end (Ctrl-C, {@code --max-cost} passed) and what that left: its results file keeps the
 * executions that finished, and readers ({@code compare}, {@code report}) know the rest is missing, not slower.
 *
 * @param reason the one line the run ended with
 * @param billedUsd what its job runs were billed, as AWS reported them after the cancel (null where nothing bills)
 * @param cancelledJobRuns the job runs that were cancelled (empty on a platform without job runs)
 * @param executionsRun measured executions that finished
 * @param executionsPlanned measured executions the run was to make
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Cancellation(String reason, BigDecimal billedUsd, List<String> cancelledJobRuns, int executionsRun,
        int executionsPlanned) {
    public Cancellation {
        requireNonNull(reason, "reason is null");
        cancelledJobRuns = cancelledJobRuns == null ? List.of() : List.copyOf(cancelledJobRuns);
    }

    /** {@code cancelled after 3 of 22 measured executions}. */
    public String describe() {
        return "cancelled after " + executionsRun + " of " + executionsPlanned + " measured execution" + (executionsPlanned == 1 ? "" : "s");
    }
}
