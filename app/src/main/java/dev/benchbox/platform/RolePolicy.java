package dev.benchbox.platform;

import static java.util.Objects.requireNonNull;

/**
 * The least-privilege permissions policy of the role a platform's jobs run as, and that role's trust relationship (JSON);
 * {@code caller}: what the user running the shell needs for the shell's own calls, or null.
 */
public record RolePolicy(String permissions, String trust, String caller) {
    public RolePolicy {
        requireNonNull(permissions, "permissions is null");
        requireNonNull(trust, "trust is null");
    }

    public RolePolicy(String permissions, String trust) {
        this(permissions, trust, null);
    }
}
