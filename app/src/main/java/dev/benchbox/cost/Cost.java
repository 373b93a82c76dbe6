package dev.benchbox.cost;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * Dollars for one {@link ResourceUtilization}, split by what was used. Exact: rounding happens only when a figure
 * is shown ({@link Usd}), so that sums of many small jobs don't accumulate rounding error.
 *
 * @param vCpu    USD for vCPU-hours
 * @param memory  USD for memory GB-hours
 * @param storage USD for storage GB-hours
 */
public record Cost(BigDecimal vCpu, BigDecimal memory, BigDecimal storage) {

    /** Nothing spent; the start of every sum. */
    public static final Cost ZERO = new Cost(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    public Cost {
        requireNonNull(vCpu, "vCpu is null");
        requireNonNull(memory, "memory is null");
        requireNonNull(storage, "storage is null");
    }

    /** The whole cost, exact. */
    public BigDecimal total() {
        return vCpu.add(memory).add(storage);
    }

    public Cost plus(Cost other) {
        return new Cost(vCpu.add(other.vCpu), memory.add(other.memory), storage.add(other.storage));
    }
}
