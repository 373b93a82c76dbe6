package dev.benchbox.tpch;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of checking one query's answer.
 *
 * @param status whether the answer passed, failed or was not checked
 * @param method how it was checked: value by value, by its row count only, or not at all
 * @param detail one line for people: what was compared, or the first difference found
 */
public record Validation(Status status, Method method, String detail) {
    /** Whether an answer was checked, and how that went. */
    public enum Status {
        PASSED,
        FAILED,
        NOT_VALIDATED
    }

    /** How an answer was checked; the label is what results files record. */
    public enum Method {
        EXACT("exact"),
        /** Value by value against DuckDB's answer on the same data: a cross-check, not a reference answer. */
        CROSS("cross"),
        ROWCOUNT("rowcount"),
        NONE("none");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The method a results file names, e.g. {@code rowcount}. */
        public static Method ofLabel(String label) {
            for (Method method : values()) {
                if (method.label.equals(label)) {
                    return method;
                }
            }
            throw new IllegalArgumentException("no validation method '" + label + "'");
        }
    }

    public Validation {
        requireNonNull(status, "status is null");
        requireNonNull(method, "method is null");
        if ((status == Status.NOT_VALIDATED) != (method == Method.NONE)) {
            throw new IllegalArgumentException("an answer is checked some way exactly when it is validated, got "
                    + status + " by " + method);
        }
        requireNonNull(detail, "detail is null");
        if (detail.isBlank() || detail.contains("\n")) {
            throw new IllegalArgumentException("detail must be one non-blank line, got '" + detail + "'");
        }
    }

    public static Validation passed(Method method, String detail) {
        return new Validation(Status.PASSED, method, detail);
    }

    public static Validation failed(Method method, String detail) {
        return new Validation(Status.FAILED, method, detail);
    }

    public static Validation notValidated(String detail) {
        return new Validation(Status.NOT_VALIDATED, Method.NONE, detail);
    }
}
