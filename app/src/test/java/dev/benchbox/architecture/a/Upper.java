package dev.benchbox.architecture.a;

/** One half of a deliberate package cycle: {@code PackageCyclesTest} checks that its rule sees it. */
public final class Upper {
    public static int lower() {
        return dev.benchbox.architecture.b.Lower.value();
    }
}
