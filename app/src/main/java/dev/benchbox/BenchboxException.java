package dev.benchbox;

/**
 * An error the user can act on. Its message is one line, shown as it is, without a stack trace.
 */
public class BenchboxException extends RuntimeException {
    public BenchboxException(String message) {
        super(message);
    }

    public BenchboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
