package dev.benchbox.cost;

import dev.benchbox.BenchboxException;
import java.util.Locale;

/**
 * The CPU architecture of an EMR Serverless application's workers; arm64 (Graviton) is priced lower than x86_64.
 */
public enum Architecture {
    X86_64("x86_64"),
    ARM64("arm64");

    private final String id;

    Architecture(String id) {
        this.id = id;
    }

    /** The name used in the pricing file and shown to users: {@code x86_64} or {@code arm64}. */
    public String id() {
        return id;
    }

    /**
     * Reads an architecture as users and AWS spell it: {@code x86_64}, {@code arm64}, AWS's {@code X86_64} and
     * {@code ARM64}, or {@code x86-64}/{@code amd64}/{@code aarch64}, which people type too.
     */
    public static Architecture parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "x86_64", "x86-64", "amd64" -> X86_64;
            case "arm64", "aarch64" -> ARM64;
            default -> throw new BenchboxException("unknown architecture '" + text + "': use x86_64 or arm64");
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
