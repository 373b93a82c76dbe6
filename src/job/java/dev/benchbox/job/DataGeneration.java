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
        List<PartWriter.Part> todo = new ArrayList<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Integer> reused = new HashMap<>();
        for (GenerationManifest.Table table : manifest.tables()) {
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
            for (int part = 1; part <= table.parts(); part++) {
                String name = partName(part, table.parts());
                Path marker = new Path(markers, name + ".json");
                Long committed = committedRows(fs, marker, new Path(dir, name + ".parquet"));
                if (committed != null) {
                    rows.merge(table.name(), committed, Long::sum);
                    reused.merge(table.name(), 1, Integer::sum);
                } else {
                    todo.add(new PartWriter.Part(table.name(), part, table.parts(), table.columns(),
                            new Path(dir, name + ".parquet").toString(), marker.toString()));
                }
            }
        }
        int total = manifest.tables().stream().mapToInt(GenerationManifest.Table::parts).sum();
        log("generate " + manifest.benchmark() + " SF" + manifest.scale() + ": " + total + " parts, " + (total - todo.size())
                + " already committed, " + todo.size() + " to generate");

        // Big tables' parts first, so the small ones fill in at the end rather than leaving a long tail.
        Map<String, Integer> partsOf = new HashMap<>();
        manifest.tables().forEach(t -> partsOf.put(t.name(), t.parts()));
        todo.sort(Comparator.comparing((PartWriter.Part p) -> -partsOf.get(p.table())));

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
        for (PartWriter.Written part : written) {
            rows.merge(part.table(), part.rows(), Long::sum);
            generated.merge(part.table(), 1, Integer::sum);
        }

        ObjectMapper json = new ObjectMapper();
        ObjectNode report = json.createObjectNode()
                .put("run_id", manifest.runId())
                .put("benchmark", manifest.benchmark())
                .put("scale", manifest.scale())
                .put("data", manifest.data())
                .put("spark_version", spark.version())
                .put("started_millis", started)
                .put("ended_millis", System.currentTimeMillis())
                .put("parts_generated", written.size())
                .put("parts_reused", total - written.size());
        ObjectNode tables = report.putObject("tables");
        for (GenerationManifest.Table table : manifest.tables()) {
            tables.putObject(table.name())
                    .put("rows", rows.get(table.name()))
                    .put("parts", table.parts())
                    .put("generated", generated.getOrDefault(table.name(), 0))
                    .put("reused", reused.getOrDefault(table.name(), 0))
                    .put("location", new Path(data, table.name()).toString() + "/");
        }
        Path output = new Path(URI.create(manifest.output() + REPORT));
        try (FSDataOutputStream out = output.getFileSystem(hadoop).create(output, true)) {
            out.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        }
        log("generated " + written.size() + " parts, reused " + (total - written.size()) + "; rows " + rows);
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
