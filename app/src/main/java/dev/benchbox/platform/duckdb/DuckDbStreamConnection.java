package dev.benchbox.platform.duckdb;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.StreamConnections.StreamConnection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;

/** A duplicated DuckDB connection running one query stream or refresh function at a time. */
final class DuckDbStreamConnection implements StreamConnection {
    private final DuckDBConnection connection;
    private final StatementCanceller canceller;

    DuckDbStreamConnection(DuckDBConnection connection, StatementCanceller canceller) {
        this.connection = connection;
        this.canceller = canceller;
    }

    @Override
    public synchronized List<QueryExecution> runStream(List<BatchQuery> queries, int maxRowsKept, BatchListener listener) {
        List<QueryExecution> executions = new ArrayList<>();
        for (BatchQuery query : queries) {
            if (Thread.currentThread().isInterrupted()) {
                throw new BenchboxException("run cancelled");
            }
            QueryExecution execution = DuckDbPlatform.runTimed(connection, canceller, query, 1, false, maxRowsKept);
            executions.add(execution);
            listener.executed(execution);
        }
        return executions;
    }

    @Override
    public synchronized void runTransaction(List<String> statements) {
        try {
            connection.setAutoCommit(false);
            try {
                for (String sql : statements) {
                    try (Statement statement = connection.createStatement();
                            StatementCanceller.Registration ignored = canceller.watch(statement)) {
                        statement.execute(sql);
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (Thread.currentThread().isInterrupted() || SqlErrors.isInterrupt(e)) {
                throw new BenchboxException("run cancelled");
            }
            throw SqlErrors.toUserError(e);
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the transaction is gone with the failed statement; nothing took effect
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a duplicated connection releases only it
        }
    }
}
