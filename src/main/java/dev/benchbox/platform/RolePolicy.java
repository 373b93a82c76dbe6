package dev.benchbox.platform;

import static java.util.Objects.requireNonNull;

/** The least-privilege permissions policy of the role a platform's jobs run as, and that role's trust relationship (JSON). */
public record RolePolicy(String permissions, String trust) {
    public RolePolicy {
        requireNonNull(permissions, "permissions is null");
        requireNonNull(trust, "trust is null");
    }
}
