package dev.benchbox.platform;

import static java.util.Objects.requireNonNull;

/** One query of a batch (a power run stream): an id such as {@code Q6} and its SQL. */
public record BatchQuery(String id, String sql) {
    public BatchQuery {
        requireNonNull(id, "id is null");
        requireNonNull(sql, "sql is null");
    }
}
