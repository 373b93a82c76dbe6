package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.cost.WorkerSize;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pre-initialised workers of one type: how many, and how big.
 *
 * @param count workers kept warm: 1 to 1000000, the API model's bounds for {@code workerCount} (AWS refuses 0, and
 *              {@code capacity set} would have stopped the application before hearing so)
 * @param size each worker's size
 */
public record WorkerCapacity(int count, WorkerSize size) {
    static final int MIN_COUNT = 1;
    static final int MAX_COUNT = 1_000_000;
    private static final Pattern TEXT = Pattern.compile("(\\d+)\\s*[xX]\\s*(.+)");

    public WorkerCapacity {
        requireNonNull(size, "size is null");
        if (count < MIN_COUNT || count > MAX_COUNT) {
            throw new BenchboxException("invalid worker count " + count + ": expected " + MIN_COUNT + " to " + MAX_COUNT);
        }
    }

    /** Parses {@code 4x4vCPU-16GB} (count x size). */
    public static WorkerCapacity parse(String text, String what) {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new BenchboxException("invalid " + what + " '" + text + "': expected COUNTxSIZE, e.g. 4x4vCPU-16GB");
        }
        int count;
        try {
            count = Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            throw new BenchboxException("invalid " + what + " '" + text + "': the worker count is too large");
        }
        try {
            return new WorkerCapacity(count, WorkerSize.parse(m.group(2)));
        } catch (BenchboxException e) {
            throw new BenchboxException("invalid " + what + " '" + text + "': " + e.getMessage().replaceFirst("^invalid ", ""));
        }
    }

    @Override
    public String toString() {
        return count + "x" + size;
    }
}
