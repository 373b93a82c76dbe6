package dev.benchbox.platform;

/**
 * Progress of a load, reported by platforms and shown by the shell (as a progress bar on a terminal).
 * Implementations must be thread-safe: loads run in parallel.
 */
public interface LoadProgress extends AutoCloseable {
    LoadProgress NONE = new LoadProgress() {
        @Override
        public void start(String task, long total) { }

        @Override
        public void advance(long amount) { }

        @Override
        public void close() { }
    };

    /** Starts a task of {@code total} units (rows, bytes), replacing the current one. */
    void start(String task, long total);

    void advance(long amount);

    /** Starts a task of {@code totalBytes} bytes: shown in KB, MB or GB with a rate, not as a count of bytes. */
    default void startBytes(String task, long totalBytes) {
        start(task, totalBytes);
    }

    /**
     * The current task completed (its total may have been an estimate): a bar shows it full and ends its line
     * now, so whatever is printed next starts on a clean line. A task that reaches its total completes by itself.
     */
    default void done() {
    }

    /** Ends the display; a task not done (failed, cancelled) stays where it stopped. */

    @Override
    void close();
}
