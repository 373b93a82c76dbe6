package dev.benchbox.tpch;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of checking one query's answer.
 *
 * @param status whether the answer passed, failed or was not checked
 * @param detail one line for people: what was compared, or the first difference found
 */
public record Validation(Status status, String detail) {
    /** Whether an answer was checked, and how that went. */
    public enum Status {
        PASSED,
        FAILED,
        NOT_VALIDATED
    }

    public Validation {
        requireNonNull(status, "status is null");
        requireNonNull(detail, "detail is null");
        if (detail.isBlank() || detail.contains("\n")) {
            throw new IllegalArgumentException("detail must be one non-blank line, got '" + detail + "'");
        }
    }

    static Validation passed(String detail) {
        return new Validation(Status.PASSED, detail);
    }

    static Validation failed(String detail) {
        return new Validation(Status.FAILED, detail);
    }

    static Validation notValidated(String detail) {
        return new Validation(Status.NOT_VALIDATED, detail);
    }
}
