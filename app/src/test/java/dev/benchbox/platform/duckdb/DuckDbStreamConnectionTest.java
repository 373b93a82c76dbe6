package dev.benchbox.platform.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.StreamConnections.StreamConnection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DuckDB's stream connections: transactions all or nothing, streams side by side on the same data. */
class DuckDbStreamConnectionTest {
    private DuckDbPlatform duckdb;

    @BeforeEach
    void open() {
        duckdb = DuckDbPlatform.open(null);
        duckdb.execute("main", "CREATE TABLE t (k INTEGER)", dev.benchbox.platform.RowSink.DISCARD);
    }

    @AfterEach
    void close() {
        duckdb.close();
    }

    @Test
    void aTransactionTakesEffectWhole() {
        try (StreamConnection connection = duckdb.streamConnections().orElseThrow().open("main")) {
            connection.runTransaction(List.of("INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)"));
        }
        assertThat(duckdb.rowCount("main", "t")).isEqualTo(2);
    }

    @Test
    void aFailedStatementLeavesNothingOfItsTransaction() {
        try (StreamConnection connection = duckdb.streamConnections().orElseThrow().open("main")) {
            assertThatThrownBy(() -> connection.runTransaction(List.of("INSERT INTO t VALUES (1)", "INSERT INTO missing VALUES (2)")))
                    .isInstanceOf(BenchboxException.class).hasMessageContaining("missing");
            // the connection is usable again, outside any transaction
            connection.runTransaction(List.of("INSERT INTO t VALUES (3)"));
        }
        assertThat(duckdb.rowCount("main", "t")).isEqualTo(1);
    }

    @Test
    void streamsRunOnTheirOwnConnectionsAndSeeCommittedRows() {
        try (StreamConnection writer = duckdb.streamConnections().orElseThrow().open("main");
                StreamConnection reader = duckdb.streamConnections().orElseThrow().open("main")) {
            writer.runTransaction(List.of("INSERT INTO t VALUES (1), (2), (3)"));
            List<QueryExecution> executions = reader.runStream(List.of(new BatchQuery("Q1", "SELECT k FROM t ORDER BY k")), 10,
                    BatchListener.NONE);

            assertThat(executions).singleElement().satisfies(execution -> {
                assertThat(execution.rowCount()).isEqualTo(3);
                assertThat(execution.error()).isNull();
            });
        }
    }

    @Test
    void aStreamConnectionNeedsAnExistingSchema() {
        assertThatThrownBy(() -> duckdb.streamConnections().orElseThrow().open("nope")).isInstanceOf(BenchboxException.class)
                .hasMessage("schema 'nope' does not exist: create it with create-schema nope");
    }
}
