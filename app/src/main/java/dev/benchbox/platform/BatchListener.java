package dev.benchbox.platform;

/** Told about each execution of a batch as soon as it finishes, so the shell can show progress live. */
@FunctionalInterface
public interface BatchListener {
    BatchListener NONE = execution -> { };

    void executed(QueryExecution execution);
}
