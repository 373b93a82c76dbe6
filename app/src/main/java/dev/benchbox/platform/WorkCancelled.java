package dev.benchbox.platform;

import dev.benchbox.BenchboxException;
import java.util.List;

/**
 * Work stopped before its end by a cancel (Ctrl-C, {@code --max-cost} passed): a one-line error like any other, which
 * also carries what finished before the cancel and had not reached the caller yet (a job run reports its executions
 * only at its end), so that the caller keeps them.
 */
public class WorkCancelled extends BenchboxException {
    private final transient List<QueryExecution> unreported;

    public WorkCancelled(String message) {
        this(message, List.of(), null);
    }

    /** @param unreported executions that finished before the cancel and were not handed to the batch's listener yet */
    public WorkCancelled(String message, List<QueryExecution> unreported, Throwable cause) {
        super(message, cause);
        this.unreported = List.copyOf(unreported);
    }

    /** What finished before the cancel and was not handed to the batch's listener yet, in the order run. */
    public List<QueryExecution> unreported() {
        return unreported;
    }
}
