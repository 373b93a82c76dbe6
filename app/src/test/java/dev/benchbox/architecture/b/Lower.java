package dev.benchbox.architecture.b;

/** The other half of the deliberate cycle. */
public final class Lower {
    public static int value() {
        return 1;
    }

    public static int upper() {
        return dev.benchbox.architecture.a.Upper.lower();
    }
}
