package dev.benchbox.standin;

import static java.util.Objects.requireNonNull;

/**
 * An error answer in AWS's shape: the error code the SDK maps to an exception class
 * (e.g. {@code ResourceNotFoundException}), its HTTP status and message.
 */
public final class AwsError extends RuntimeException {

    private final String code;
    private final int status;

    public AwsError(String code, int status, String message) {
        super(requireNonNull(message, "message is null"));
        this.code = requireNonNull(code, "code is null");
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public static AwsError validation(String message) {
        return new AwsError("ValidationException", 400, message);
    }

    public static AwsError notFound(String message) {
        return new AwsError("ResourceNotFoundException", 404, message);
    }

    public static AwsError conflict(String message) {
        return new AwsError("ConflictException", 409, message);
    }
}
