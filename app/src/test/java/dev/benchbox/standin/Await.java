package dev.benchbox.standin;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls for a condition the stand-in reaches asynchronously; fails after a generous bound, never sleeps long. */
public final class Await {

    private static final Duration LIMIT = Duration.ofSeconds(20);

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, LIMIT, condition);
    }

    /** As {@link #until(String, BooleanSupplier)} with its own bound, for waits on real work (a Spark job in a child JVM). */
    public static void until(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }

    public static <T> T value(String what, Supplier<T> supplier, java.util.function.Predicate<T> done) {
        return value(what, LIMIT, supplier, done);
    }

    public static <T> T value(String what, Duration limit, Supplier<T> supplier, java.util.function.Predicate<T> done) {
        Object[] last = new Object[1];
        until(what, limit, () -> {
            T v = supplier.get();
            last[0] = v;
            return done.test(v);
        });
        @SuppressWarnings("unchecked")
        T v = (T) last[0];
        return v;
    }
}
