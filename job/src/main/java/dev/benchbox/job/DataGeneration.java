package dev.benchbox.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The job's generation mode: every part of every table as one Spark task ({@link PartWriter}), parts that
 * already have a completion marker left alone (resume), then {@code <output>generation.json} with each table's
 * row count and how many parts were generated or found done, written last.
 * <p>
 * Layout under the manifest's {@code data} prefix: {@code <table>/part-00001-of-00004.parquet} (the table's
 * location, which Glue and Spark read) and {@code _parts/<table>/part-00001-of-00004.json} (markers, outside every
 * table's location). A file of the table directory that the current plan does not name — from a run with
 * another part count, or a load made on the user's machine — is removed first, so a table never holds two
 * copies of its rows.
 */
final class DataGeneration {
    static final String REPORT = "generation.json";
    static final String MARKERS = "_parts";

    private DataGeneration() {
    }

    static String partName(int part, int parts) {
        return String.format(Locale.ROOT, "part-%05d-of-%05d", part, parts);
    }

    static void run(SparkSession spark, GenerationManifest manifest, Configuration hadoop) throws IOException {
        long started = System.currentTimeMillis();
        Generators.Generator generator = Generators.forBenchmark(manifest.benchmark());
        for (GenerationManifest.Table table : manifest.tables()) {
            generator.check(table.name(), table.columns());
        }
        Path data = new Path(URI.create(manifest.data()));
        FileSystem fs = data.getFileSystem(hadoop);
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Integer> reused = new HashMap<>();
        // tables by the generator that makes them: a TPC-DS returns table comes out of its sales table's parts
        Map<String, List<GenerationManifest.Table>> sources = new LinkedHashMap<>();
        for (GenerationManifest.Table table : manifest.tables()) {
            sources.computeIfAbsent(generator.source(table.name()), s -> new ArrayList<>()).add(table);
            Path dir = new Path(data, table.name());
            Path markers = new Path(new Path(data, MARKERS), table.name());
            Set<String> files = new TreeSet<>();
            Set<String> markerFiles = new TreeSet<>();
            for (int part = 1; part <= table.parts(); part++) {
                files.add(partName(part, table.parts()) + ".parquet");
                markerFiles.add(partName(part, table.parts()) + ".json");
            }
            removeOthers(fs, dir, files);
            removeOthers(fs, markers, markerFiles);
            rows.put(table.name(), 0L);
        }
        List<PartWriter.Part> todo = new ArrayList<>();
        Map<String, Integer> partsOf = new HashMap<>();
        for (Map.Entry<String, List<GenerationManifest.Table>> source : sources.entrySet()) {
            int parts = source.getValue().get(0).parts();
            for (GenerationManifest.Table table : source.getValue()) {
                if (table.parts() != parts) {
                    throw new IllegalArgumentException(table.name() + " comes out of " + source.getKey()
                            + "'s generator: it must have the same parts as the others generated with it, not " + table.parts());
                }
            }
            partsOf.put(source.getKey(), parts);
            for (int part = 1; part <= parts; part++) {
                String name = partName(part, parts);
                List<PartWriter.Output> outputs = new ArrayList<>();
                Map<String, Long> committed = new LinkedHashMap<>();
                for (GenerationManifest.Table table : source.getValue()) {
                    Path file = new Path(new Path(data, table.name()), name + ".parquet");
                    Path marker = new Path(new Path(new Path(data, MARKERS), table.name()), name + ".json");
                    Long done = committedRows(fs, marker, file);
                    if (done != null) {
                        committed.put(table.name(), done);
                    }
                    outputs.add(new PartWriter.Output(table.name(), table.columns(), file.toString(), marker.toString()));
                }
                if (committed.size() == outputs.size()) {
                    committed.forEach((table, count) -> {
                        rows.merge(table, count, Long::sum);
                        reused.merge(table, 1, Integer::sum);
                    });
                } else {
                    // every table of the part again: they come out of one generator run
                    todo.add(new PartWriter.Part(source.getKey(), part, parts, outputs));
                }
            }
        }
        int total = manifest.tables().stream().mapToInt(GenerationManifest.Table::parts).sum();
        int pending = todo.stream().mapToInt(p -> p.outputs().size()).sum();
        log("generate " + manifest.benchmark() + " SF" + manifest.scale() + ": " + total + " parts, " + (total - pending)
                + " already committed, " + pending + " to generate");

        // Big tables' parts first, so the small ones fill in at the end rather than leaving a long tail.
        todo.sort(Comparator.comparing((PartWriter.Part p) -> -partsOf.get(p.source())));

        Map<String, String> conf = new HashMap<>();
        hadoop.forEach(e -> conf.put(e.getKey(), e.getValue()));
        String benchmark = manifest.benchmark();
        double scale = manifest.scale();
        List<PartWriter.Written> written = todo.isEmpty() ? List.of()
                : JavaSparkContext.fromSparkContext(spark.sparkContext())
                        .parallelize(todo, todo.size())
                        .map(part -> PartWriter.write(part, benchmark, scale, conf))
                        .collect();
        Map<String, Integer> generated = new HashMap<>();
        int partsGenerated = 0;
        for (PartWriter.Written part : written) {
            for (Map.Entry<String, Long> table : part.rows().entrySet()) {
                rows.merge(table.getKey(), table.getValue(), Long::sum);
                generated.merge(table.getKey(), 1, Integer::sum);
                partsGenerated++;
            }
        }

        Map<String, Long> icebergRows = manifest.iceberg() == null ? Map.of()
                : IcebergTables.write(spark, manifest.iceberg(), manifest.tables(), table -> new Path(data, table).toString() + "/");

        ObjectMapper json = new ObjectMapper();
        ObjectNode report = json.createObjectNode()
                .put("run_id", manifest.runId())
                .put("benchmark", manifest.benchmark())
                .put("scale", manifest.scale())
                .put("data", manifest.data())
                .put("spark_version", spark.version())
                .put("started_millis", started)
                .put("ended_millis", System.currentTimeMillis())
                .put("parts_generated", partsGenerated)
                .put("parts_reused", total - partsGenerated);
        ObjectNode tables = report.putObject("tables");
        for (GenerationManifest.Table table : manifest.tables()) {
            tables.putObject(table.name())
                    .put("rows", rows.get(table.name()))
                    .put("parts", table.parts())
                    .put("generated", generated.getOrDefault(table.name(), 0))
                    .put("reused", reused.getOrDefault(table.name(), 0))
                    .put("location", new Path(data, table.name()).toString() + "/");
            if (manifest.iceberg() != null) {
                tables.with(table.name()).put("iceberg_rows", icebergRows.get(table.name()));
            }
        }
        if (manifest.iceberg() != null) {
            report.put("table_format", "iceberg");
        }
        Path output = new Path(URI.create(manifest.output() + REPORT));
        try (FSDataOutputStream out = output.getFileSystem(hadoop).create(output, true)) {
            out.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        }
        log("generated " + partsGenerated + " parts, reused " + (total - partsGenerated) + "; rows " + rows);
    }

    /** The row count a part's marker records, or null when the part is not committed (no marker, or no file). */
    private static Long committedRows(FileSystem fs, Path marker, Path file) throws IOException {
        JsonNode node;
        try (FSDataInputStream in = fs.open(marker)) {
            node = new ObjectMapper().readTree(in.readAllBytes());
        } catch (FileNotFoundException e) {
            return null;
        } catch (IOException e) { // a marker we cannot read is no proof: generate the part again
            log("unreadable marker " + marker + ": " + e.getMessage());
            return null;
        }
        if (node == null || !node.path("rows").canConvertToLong() || !fs.exists(file)) {
            return null;
        }
        return node.path("rows").asLong();
    }

    private static void removeOthers(FileSystem fs, Path dir, Set<String> keep) throws IOException {
        FileStatus[] entries;
        try {
            entries = fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            return;
        }
        for (FileStatus entry : entries) {
            if (!keep.contains(entry.getPath().getName())) {
                log("removing " + entry.getPath() + " (not part of this generation's plan)");
                fs.delete(entry.getPath(), true);
            }
        }
    }

    private static void log(String message) {
        System.out.println("benchbox-job: " + message);
    }
}
