package dev.benchbox.platform;

import java.util.Optional;

/**
 * Puts a platform's own failures (e.g. AWS error codes) into one actionable line, so the shell's error reporter
 * needs no knowledge of any service. Implementations are listed in
 * {@code META-INF/services/dev.benchbox.platform.FailureMessages}.
 */
public interface FailureMessages {
    /** The line for this failure, or empty when it is not one of this platform's. */
    Optional<String> message(Throwable failure);
}
