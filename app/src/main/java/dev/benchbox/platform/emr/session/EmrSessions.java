package dev.benchbox.platform.emr.session;

import dev.benchbox.cost.JobRunUsage;
import dev.benchbox.dataset.Column;
import dev.benchbox.platform.QuerySummary;
import dev.benchbox.platform.RowSink;
import dev.benchbox.platform.SessionControl;
import java.util.List;
import java.util.Optional;

/**
 * An EMR Serverless connection's sessions as its platform uses them: live ({@link EmrSessionControl}) or a dry run's
 * ({@link PreviewSessions}), so the platform never asks which it has. While one is open, queries and catalog look-ups
 * go through it; its usage joins the job runs'; closing terminates it.
 */
public interface EmrSessions extends SessionControl, AutoCloseable {
    /** Runs one statement through the open session, in {@code database}. */
    QuerySummary execute(String database, String sql, RowSink sink);

    /** The tables of {@code database} as the open session's Spark lists them. */
    List<String> listTables(String database);

    /** A table's columns as the open session's Spark resolves it. */
    List<Column> describeTable(String database, String table);

    /** Sessions as AWS billed them (an open one estimated), for the cost ledger. */
    List<JobRunUsage> usage();

    /** A fresh link to the open session's Spark UI (GetResourceDashboard); empty when none is open. */
    default Optional<String> dashboard() {
        return Optional.empty();
    }

    /**
     * Until closed, the open session's statements stop when {@code limit}'s projection (the session billed from its start,
     * idle included) passes it: the running statement is cancelled and the session terminated. {@code now} is "now".
     * Where nothing bills (a dry run), there is nothing to hold.
     */
    default AutoCloseable limit(dev.benchbox.cost.SpendingLimit limit, java.time.Clock now) {
        return () -> { };
    }

    /** Whether this connection asked AWS for a session (iam-policy then covers sessions). */
    boolean used();

    /** The session that closing could not terminate (it may still run and bill), if any. */
    Optional<String> notTerminated();

    /** Terminates the open session (never fails). */
    @Override
    void close();
}
