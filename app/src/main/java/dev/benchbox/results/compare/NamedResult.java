package dev.benchbox.results.compare;

import static java.util.Objects.requireNonNull;

import dev.benchbox.results.RunResult;
import java.nio.file.Path;

/**
 * A results file read for a comparison, with the label it goes by there.
 *
 * @param label its name in tables and charts: the file name without {@code .json}
 * @param file where it was read from
 * @param result what it holds
 */
public record NamedResult(String label, Path file, RunResult result) {
    public NamedResult {
        requireNonNull(label, "label is null");
        requireNonNull(file, "file is null");
        requireNonNull(result, "result is null");
    }
}
