package dev.benchbox.bench;

import dev.benchbox.dataset.Column;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.QuerySummary;
import dev.benchbox.platform.RowSink;
import dev.benchbox.results.TimingMethod;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A platform for run-service tests whose data is already loaded at {@link #loadedScale}: it answers only batches (the
 * subclass's), and fails a test that loads or executes anything else.
 */
abstract class LoadedFakePlatform implements Platform {
    private final Scale loaded;

    LoadedFakePlatform(Scale loaded) {
        this.loaded = loaded;
    }

    @Override
    public TimingMethod timingMethod() {
        return TimingMethod.JDBC;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String description() {
        return "fake platform";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String defaultSchema() {
        return "main";
    }

    @Override
    public void createSchema(String schema) {
    }

    @Override
    public boolean schemaExists(String schema) {
        return true;
    }

    @Override
    public List<String> listTables(String schema) {
        return List.of();
    }

    @Override
    public List<Column> describeTable(String schema, String table) {
        return List.of();
    }

    @Override
    public long rowCount(String schema, String table) {
        return 0;
    }

    @Override
    public Optional<Scale> loadedScale(String schema, DataSet dataSet) {
        return Optional.of(loaded);
    }

    @Override
    public LoadReport load(String schema, DataSet dataSet, Scale scale, List<String> tables, LoadProgress progress) {
        throw new AssertionError("already loaded");
    }

    @Override
    public LoadReport loadFiles(String schema, List<String> tables, Path sourceDir, LoadProgress progress) {
        throw new AssertionError("not used");
    }

    @Override
    public QuerySummary execute(String schema, String sql, RowSink sink) {
        throw new AssertionError("not used");
    }

    @Override
    public void close() {
    }
}
