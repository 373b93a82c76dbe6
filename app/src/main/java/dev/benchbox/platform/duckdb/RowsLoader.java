package dev.benchbox.platform.duckdb;

import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.Column;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.LoadProgress;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * Loads a data set that brings its own rows ({@link DataSet.Rows}): each table into a staging table, then swapped in
 * with the scale recorded in its comment, as the TPC generators' loaders do. Batched inserts: such data sets are small.
 */
final class RowsLoader {
    private static final int BATCH = 1_000;

    private final DuckDBConnection connection;
    private final String schema;

    RowsLoader(DuckDBConnection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
    }

    void load(DataSet dataSet, DataSet.Rows generator, Scale scale, List<String> tables, LoadProgress progress) {
        progress.start("Generating " + dataSet.title() + " SF" + scale.text(), 0);
        try {
            for (String table : tables) {
                String staging = DuckDbPlatform.qualified(schema, table + StagingTables.SUFFIX);
                List<Column> columns = dataSet.columns(table);
                List<String> definitions = new ArrayList<>();
                columns.forEach(c -> definitions.add(DuckDbPlatform.quote(c.name()) + " " + c.type()));
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE OR REPLACE TABLE " + staging + " (" + String.join(", ", definitions) + ")");
                }
                String insert = "INSERT INTO " + staging + " VALUES (" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
                try (PreparedStatement statement = connection.prepareStatement(insert)) {
                    int pending = 0;
                    for (List<Object> row : generator.rows(table, scale)) {
                        for (int i = 0; i < columns.size(); i++) {
                            statement.setObject(i + 1, row.get(i));
                        }
                        statement.addBatch();
                        if (++pending == BATCH) {
                            statement.executeBatch();
                            progress.advance(pending);
                            pending = 0;
                            if (Thread.currentThread().isInterrupted()) {
                                throw new BenchboxException("load cancelled");
                            }
                        }
                    }
                    statement.executeBatch();
                    progress.advance(pending);
                }
            }
            progress.done();
            StagingTables.replace(connection, schema, tables, dataSet.scaleComment() + scale.text());
        } catch (SQLException e) {
            throw SqlErrors.toUserError(e);
        }
    }
}
