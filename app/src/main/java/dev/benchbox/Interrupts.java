package dev.benchbox;

import java.util.function.Supplier;

/**
 * Work that must finish after a Ctrl-C (writing what finished, putting data back, deleting what the shell created):
 * an interrupted thread's file channels and the AWS SDK's HTTP client refuse to work, so the interrupt is held aside
 * while the work runs and restored after it, for the caller to stop on.
 */
public final class Interrupts {
    private Interrupts() {
    }

    /** Runs {@code work} with the thread's interrupt held aside, and returns what it returns. */
    public static <T> T heldAside(Supplier<T> work) {
        boolean interrupted = Thread.interrupted();
        try {
            return work.get();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs {@code work} with the thread's interrupt held aside. */
    public static void heldAside(Runnable work) {
        heldAside(() -> {
            work.run();
            return null;
        });
    }
}
