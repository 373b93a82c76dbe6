package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one connection asked AWS about beyond its options: the Glue databases it named in a call and the S3 data
 * sources it registered tables over, and whether it created applications. Written where the calls are made,
 * read by {@code iam-policy}, so the printed policy covers what the connection did. Thread-safe: the
 * completion cache looks tables up in the background.
 */
final class AwsUsage {
    private final Set<String> databases = new TreeSet<>();
    private final Set<S3Location> sources = new LinkedHashSet<>();
    private boolean applicationsCreated;
    private boolean icebergTables;

    synchronized void database(String name) {
        databases.add(requireNonNull(name, "name is null"));
    }

    synchronized void source(S3Location location) {
        sources.add(requireNonNull(location, "location is null"));
    }

    synchronized void applicationCreated() {
        applicationsCreated = true;
    }

    /** Sorted. */
    synchronized List<String> databases() {
        return List.copyOf(databases);
    }

    /** In the order they were first used. */
    synchronized List<S3Location> sources() {
        return List.copyOf(sources);
    }

    /** Job runs write Iceberg tables: their role creates and commits Glue tables itself. */
    synchronized void icebergTables() {
        icebergTables = true;
    }

    synchronized boolean icebergTablesWritten() {
        return icebergTables;
    }

    synchronized boolean applicationsCreated() {
        return applicationsCreated;
    }
}
