package dev.benchbox.platform;

import static java.util.Objects.requireNonNull;

/**
 * One entry of a batch (a power run stream): an id such as {@code Q6} and its SQL, or a refresh function that runs
 * where the data is ({@link RefreshFunction}: its statements read rows the platform generates itself).
 *
 * @param refresh null for a query; else the refresh function, whose statements {@code sql} shows joined
 */
public record BatchQuery(String id, String sql, RefreshFunction refresh) {
    public BatchQuery {
        requireNonNull(id, "id is null");
        requireNonNull(sql, "sql is null");
    }

    /** A query. */
    public BatchQuery(String id, String sql) {
        this(id, sql, null);
    }

    /** A refresh function as one entry of a batch. */
    public static BatchQuery refresh(String id, RefreshFunction function) {
        return new BatchQuery(id, String.join(";\n", function.statements()), function);
    }

    public boolean isRefresh() {
        return refresh != null;
    }
}
