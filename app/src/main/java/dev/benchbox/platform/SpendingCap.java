package dev.benchbox.platform;

import java.math.BigDecimal;

/**
 * A platform that bills while work runs can hold {@code --max-cost} during the work, not only before it: work in
 * progress is cancelled once what it will be billed passes the limit.
 */
public interface SpendingCap {
    /** Until the scope closes, work stops (cancelled, with a one-line error) when its projected cost passes {@code maxUsd}. */
    Scope limit(BigDecimal maxUsd);

    /** {@code maxUsd} held over the platform's work until closed: nothing to hold without a limit, or where nothing bills. */
    static Scope over(Platform platform, BigDecimal maxUsd) {
        return maxUsd == null ? Scope.NONE : platform.spendingCap().map(cap -> cap.limit(maxUsd)).orElse(Scope.NONE);
    }

    /** The limit in force, until closed. */
    interface Scope extends AutoCloseable {
        Scope NONE = () -> { };

        /** Whether the work's projected cost passed the limit (its work was cancelled or not started for it). */
        default boolean passed() {
            return false;
        }

        @Override
        void close();
    }
}
