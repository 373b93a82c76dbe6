package dev.benchbox.platform;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens one kind of platform by name (a registry entry: the shell looks platforms up by name, never by class).
 */
public interface PlatformProvider {
    /** The name {@code connect} takes, e.g. {@code duckdb}. */
    String name();

    /** Opens (connects to) the platform; one-line errors for bad options, before any remote call. */
    Connection open(ConnectRequest request);

    /** The options {@code connect} takes for this platform, each also a flag of its own. */
    default List<PlatformOption> options() {
        return List.of();
    }

    /**
     * Values TAB offers for one of {@link #options()} (by key), read without any remote call: e.g. the architectures,
     * the regions with prices. Empty for free text; any other value may still be typed.
     */
    default List<String> suggestions(String key) {
        return List.of();
    }

    /** The role policy for these options without a connection, when the platform's jobs run as a role. */
    default Optional<RolePolicy> rolePolicy(Map<String, String> options, Map<String, String> environment) {
        return Optional.empty();
    }

    /** What a sweep may vary on this platform, checked before connecting; empty when it has nothing to vary. */
    default Optional<SweepDimensions> sweepDimensions() {
        return Optional.empty();
    }

    /**
     * Why the platform's connections offer no {@link Platform#streamConnections() stream connections} (the refresh
     * functions' inserts and deletes, concurrent streams), checked before connecting; empty when they do.
     */
    default Optional<String> whyNoStreamConnections() {
        return Optional.of("its tables take no inserts or deletes");
    }

    /**
     * What {@code connect} (or the one-shot {@code run}) asked for.
     *
     * @param path a database file, or null
     * @param options platform options by key (flags and {@code --platform-option} merged)
     * @param environment environment variables options fall back to
     * @param dryRun directory for a preview's request files, or null
     * @param replaceDryRun whether an earlier dry run in the directory is deleted first (only one it recognises by its manifest)
     * @param jobProgress told about job runs as they go
     */
    record ConnectRequest(String path, Map<String, String> options, Map<String, String> environment, Path dryRun,
            boolean replaceDryRun, JobProgress jobProgress) {
        public ConnectRequest {
            // insertion order kept: errors name the first option given
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
            environment = Map.copyOf(environment);
            jobProgress = jobProgress == null ? JobProgress.NONE : jobProgress;
        }
    }

    /** An opened platform and what connecting did that the user should hear about (e.g. an application started). */
    record Connection(Platform platform, List<String> notes) {
        public Connection {
            notes = List.copyOf(notes);
        }
    }
}
