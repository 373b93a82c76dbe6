package dev.benchbox.platform;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A refresh function (TPC-H's RF1 or RF2 of one update set) to run where the data lives: the platform first makes
 * the set's rows itself ({@link StagedRows}, untimed, e.g. in the Spark driver), exposes them as views, then runs
 * {@code statements} over them in order, timed as one function. What the views are called and hold is the benchmark's
 * business, shared by its plug-in in the shell and its refresh generator in the job.
 *
 * @param statements SQL run in order (inserts from, or deletes by keys in, the staged views)
 * @param staged     the rows to make first
 */
public record RefreshFunction(List<String> statements, StagedRows staged) {
    public RefreshFunction {
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("a refresh function needs at least one statement");
        }
        requireNonNull(staged, "staged is null");
    }

    /**
     * Update set {@code set} of a benchmark's refresh data at a scale, made by the generator named {@code generator}.
     */
    public record StagedRows(String generator, double scale, int set) {
        public StagedRows {
            requireNonNull(generator, "generator is null");
            if (!(scale > 0) || set < 1) {
                throw new IllegalArgumentException("need scale > 0 and set >= 1, got " + scale + " and " + set);
            }
        }
    }
}
