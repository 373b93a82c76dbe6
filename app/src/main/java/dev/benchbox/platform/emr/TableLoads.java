package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.Column;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load pipeline: tables into an in-memory DuckDB, Parquet files, staged ({@link DataStaging}), then registered
 * in Glue with their row counts. A preview of a generated load generates nothing: its tables come from the data set's
 * schema, without row counts ({@link #fromSchema}).
 */
final class TableLoads {
    private static final Logger log = LoggerFactory.getLogger(TableLoads.class);

    private final GlueTables catalog;
    private final StagingLayout layout;
    private final DataStaging staging;
    private final boolean fromSchema;

    private TableLoads(GlueTables catalog, StagingLayout layout, DataStaging staging, boolean fromSchema) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.layout = requireNonNull(layout, "layout is null");
        this.staging = requireNonNull(staging, "staging is null");
        this.fromSchema = fromSchema;
    }

    /** Generates or reads the data, uploads it to S3 and registers the tables. */
    static TableLoads live(GlueTables catalog, StagingLayout layout, S3Staging staging) {
        return new TableLoads(catalog, layout, DataStaging.s3(staging), false);
    }

    /**
     * Registers what a load would register and uploads nothing: a preview does not spend minutes generating data
     * here to list its files (the catalog writes each table's DDL beside the requests).
     */
    static TableLoads preview(GlueTables catalog, StagingLayout layout, DryRunRecorder recorder) {
        return new TableLoads(catalog, layout, DataStaging.listedIn(recorder), true);
    }

    /** Whether {@link #load} generates the data on this machine (a preview's generates nothing). */
    boolean generatesLocally() {
        return !fromSchema;
    }

    /** Generates the data set here, uploads it and registers its tables with the scale they hold. */
    LoadReport load(String database, DataSet dataSet, Scale scale, List<String> selected, LoadProgress progress) {
        long started = System.nanoTime();
        double scaleFactor = scale.value();
        Map<String, String> scaleParameter = Map.of(dataSet.scaleParameter(), scale.text());
        if (fromSchema) {
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String table : selected) {
                List<Column> columns = dataSet.columns(table).stream()
                        .map(c -> new Column(c.name(), HiveTypes.of(table, c.name(), c.type()))).toList();
                register(database, new GlueTableDefinition(table, columns, layout.generatedTable(dataSet.name(), scaleFactor, table), scaleParameter));
                rows.put(table, 0L);
            }
            String note = "dry run: nothing generated or uploaded; data would go to "
                    + layout.generated(dataSet.name(), scaleFactor).uri();
            return new LoadReport(rows, System.nanoTime() - started, List.of(note));
        }
        return exportAndRegister(database, selected, started, scaleParameter,
                exporter -> exporter.generate(dataSet, scale, selected, progress),
                table -> layout.generatedTable(dataSet.name(), scaleFactor, table), progress);
    }

    /**
     * Uploads Parquet files generated earlier on this machine (the data cache) where a generated load puts them, and
     * registers the tables with their row counts and the scale they hold: nothing is generated or converted.
     */
    LoadReport loadParquet(String database, DataSet dataSet, Scale scale, Map<String, dev.benchbox.platform.ParquetLoads.Table> tables,
            LoadProgress progress) {
        long started = System.nanoTime();
        List<S3Staging.Batch> batches = new ArrayList<>();
        for (Map.Entry<String, dev.benchbox.platform.ParquetLoads.Table> table : tables.entrySet()) {
            Map<String, Path> files = new LinkedHashMap<>();
            table.getValue().files().forEach(f -> files.put(f.getFileName().toString(), f));
            batches.add(new S3Staging.Batch(layout.generatedTable(dataSet.name(), scale.value(), table.getKey()), files));
        }
        String note = staging.upload(batches, progress);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, dev.benchbox.platform.ParquetLoads.Table> table : tables.entrySet()) {
            String name = table.getKey();
            List<Column> columns = dataSet.columns(name).stream()
                    .map(c -> new Column(c.name(), HiveTypes.of(name, c.name(), c.type()))).toList();
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put(dataSet.scaleParameter(), scale.text());
            parameters.put("numRows", Long.toString(table.getValue().rows()));
            register(database, new GlueTableDefinition(name, columns, layout.generatedTable(dataSet.name(), scale.value(), name), parameters));
            counts.put(name, table.getValue().rows());
        }
        return new LoadReport(counts, System.nanoTime() - started, List.of(note));
    }

    LoadReport loadFiles(String database, List<String> tables, Path sourceDir, LoadProgress progress) {
        return exportAndRegister(database, tables, System.nanoTime(), Map.of(),
                exporter -> exporter.readFiles(tables, sourceDir, progress),
                table -> layout.fileTable(database, table), progress);
    }

    /** Loads the tables into DuckDB, writes Parquet, stages it and registers the Glue tables. */
    private LoadReport exportAndRegister(String database, List<String> tables, long started, Map<String, String> extraParameters,
            Function<ParquetExporter, Map<String, Long>> load, Function<String, S3Location> location, LoadProgress progress) {
        Path work = createWorkDirectory();
        try {
            List<ParquetExporter.Exported> exported = new ArrayList<>();
            Map<String, Long> rows;
            try (ParquetExporter exporter = ParquetExporter.open()) {
                rows = load.apply(exporter);
                progress.start("Writing Parquet", tables.size());
                for (String table : tables) {
                    exported.add(exporter.export(table, work.resolve(table), rows.get(table)));
                    progress.advance(1);
                }
            }
            List<S3Staging.Batch> batches = new ArrayList<>();
            for (ParquetExporter.Exported table : exported) {
                Map<String, Path> files = new LinkedHashMap<>();
                table.files().forEach(f -> files.put(f.getFileName().toString(), f));
                batches.add(new S3Staging.Batch(location.apply(table.table()), files));
            }
            String note = staging.upload(batches, progress);
            for (ParquetExporter.Exported table : exported) {
                Map<String, String> parameters = new LinkedHashMap<>(extraParameters);
                parameters.put("numRows", Long.toString(table.rows()));
                register(database, new GlueTableDefinition(table.table(), table.columns(), location.apply(table.table()), parameters));
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            exported.forEach(e -> counts.put(e.table(), e.rows()));
            return new LoadReport(counts, System.nanoTime() - started, List.of(note));
        } finally {
            deleteRecursively(work);
        }
    }

    private void register(String database, GlueTableDefinition definition) {
        catalog.createOrUpdateTable(database, definition);
    }

    private static Path createWorkDirectory() {
        try {
            return Files.createTempDirectory("benchbox-parquet-");
        } catch (IOException e) {
            throw new BenchboxException("cannot create a temporary directory for Parquet files: " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.info("could not remove {}: {}", dir, e.getMessage());
        }
    }
}
