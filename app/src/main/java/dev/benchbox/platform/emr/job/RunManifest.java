package dev.benchbox.platform.emr.job;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.RefreshFunction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What one job run of the Spark job ({@code dev.benchbox.job.BenchboxJob}) executes: one stream of queries, its
 * warm-ups and iterations, how tables are found and where the output goes. Written as snake_case JSON to
 * {@code <output>manifest.json}, whose URI is the job's only argument.
 *
 * <pre>{@code
 * {"run_id": "r-1", "database": "tpch_sf1", "catalog": "glue",
 *  "tables": {"nation": "s3://bucket/staging/data/tpch/sf1/nation/"},
 *  "queries": [{"id": "Q1", "sql": "select ..."}],
 *  "warmups": 1, "iterations": 3, "max_rows": 1000,
 *  "output": "s3://bucket/staging/runs/r-1/"}
 * }</pre>
 * A refresh function ({@link BatchQuery#isRefresh()}) is an entry with {@code refresh} instead of {@code sql}:
 * {@code {"id": "RF1", "refresh": {"statements": [...], "generator": "tpch", "scale": 0.01, "set": 1}}}. It changes
 * the tables, so it runs once: only over Iceberg tables (Parquet tables take no deletes), with no warm-ups and one
 * iteration.
 *
 * @param runId      the run's id: letters, digits, '.', '_' and '-' (it becomes part of S3 keys)
 * @param database   the Glue database the job {@code USE}s in glue mode; may be null in paths mode
 * @param catalog    how the job finds tables
 * @param tables     table name → location of its Parquet files (required in paths mode), in order
 * @param queries    the stream, in order; ids unique
 * @param warmups    unmeasured rounds first, 0 or more
 * @param iterations measured rounds, 1 or more
 * @param maxRows    result rows kept per execution (every row is counted), 0 or more
 * @param output     where the job writes, an {@code s3://} prefix ending in {@code /}
 */
public record RunManifest(String runId, String database, Catalog catalog, Map<String, String> tables,
                          List<BatchQuery> queries, int warmups, int iterations, int maxRows, String output) {

    /** How the job resolves table names. */
    public enum Catalog {
        /** Glue Data Catalog as Spark's metastore: the job only selects the database. */
        GLUE,
        /** Iceberg tables in Glue, through Iceberg's Glue catalog ({@link IcebergCatalog}): the job selects its database there. */
        ICEBERG,
        /** No metastore: the job registers a temporary view over each table's location. */
        PATHS;

        /** The name in the manifest: {@code glue} or {@code paths}. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Catalog fromJson(String name) {
            for (Catalog c : values()) {
                if (c.jsonName().equals(name)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("catalog must be \"glue\", \"iceberg\" or \"paths\", got \"" + name + "\"");
        }
    }

    /** The manifest's file name under the output prefix. */
    public static final String FILE_NAME = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    public RunManifest {
        requireNonNull(runId, "runId is null");
        if (!runId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("run id must be letters, digits, '.', '_' or '-', got \"" + runId + "\"");
        }
        requireNonNull(catalog, "catalog is null");
        if (catalog != Catalog.PATHS && (database == null || database.isBlank())) {
            throw new IllegalArgumentException("catalog " + catalog.jsonName() + " needs a database");
        }
        // Order matters to whoever reads the manifest; Map.copyOf would lose it.
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(tables, "tables is null")));
        if (catalog == Catalog.PATHS && tables.isEmpty()) {
            throw new IllegalArgumentException("catalog paths needs table locations");
        }
        queries = List.copyOf(requireNonNull(queries, "queries is null"));
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one query");
        }
        Set<String> ids = new HashSet<>();
        for (BatchQuery query : queries) {
            if (!ids.add(query.id())) {
                throw new IllegalArgumentException("query id " + query.id() + " appears twice");
            }
        }
        if (warmups < 0 || iterations < 1 || maxRows < 0) {
            throw new IllegalArgumentException("need warmups >= 0, iterations >= 1, max rows >= 0; got " + warmups
                    + ", " + iterations + ", " + maxRows);
        }
        for (BatchQuery query : queries) {
            if (!query.isRefresh()) {
                continue;
            }
            if (catalog != Catalog.ICEBERG) {
                throw new IllegalArgumentException("refresh function " + query.id() + " changes tables: it needs catalog "
                        + Catalog.ICEBERG.jsonName() + " (Iceberg tables take inserts and deletes), not " + catalog.jsonName());
            }
            if (warmups != 0 || iterations != 1) {
                throw new IllegalArgumentException("refresh function " + query.id() + " changes tables, so it runs once: "
                        + "it needs 0 warm-ups and 1 iteration, got " + warmups + " and " + iterations);
            }
        }
        output = S3Uri.parse(requireNonNull(output, "output is null")).asPrefix().toString();
    }

    /** {@code <staging>/runs/<runId>/}: where a run's manifest and output live. */
    public static String outputFor(String staging, String runId) {
        return S3Uri.parse(staging).resolve("runs/" + runId + "/").toString();
    }

    /** Where this manifest is uploaded, and the job's argument: {@code <output>manifest.json}. */
    public String manifestUri() {
        return output + FILE_NAME;
    }

    /** The manifest as the job reads it (snake_case JSON, fields in a fixed order). */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("run_id", runId);
        root.put("database", database);
        root.put("catalog", catalog.jsonName());
        if (catalog == Catalog.ICEBERG) {
            root.put("iceberg_catalog", IcebergCatalog.NAME);
        }
        ObjectNode tableNode = root.putObject("tables");
        tables.forEach(tableNode::put);
        ArrayNode queryNode = root.putArray("queries");
        for (BatchQuery query : queries) {
            ObjectNode entry = queryNode.addObject().put("id", query.id());
            if (query.isRefresh()) {
                RefreshFunction function = query.refresh();
                ObjectNode refresh = entry.putObject("refresh");
                ArrayNode statements = refresh.putArray("statements");
                function.statements().forEach(statements::add);
                refresh.put("generator", function.staged().generator());
                refresh.put("scale", function.staged().scale());
                refresh.put("set", function.staged().set());
            } else {
                entry.put("sql", query.sql());
            }
        }
        root.put("warmups", warmups);
        root.put("iterations", iterations);
        root.put("max_rows", maxRows);
        root.put("output", output);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e); // a tree of strings and numbers always writes
        }
    }

    /**
     * Reads a manifest written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException if it is not a valid manifest
     */
    public static RunManifest fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(requireNonNull(json, "json is null"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("manifest is not JSON: " + e.getOriginalMessage(), e);
        }
        Map<String, String> tables = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("tables").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> table = it.next();
            tables.put(table.getKey(), table.getValue().asText());
        }
        List<BatchQuery> queries = new ArrayList<>();
        for (JsonNode query : root.path("queries")) {
            JsonNode refresh = query.path("refresh");
            if (refresh.isObject()) {
                List<String> statements = new ArrayList<>();
                refresh.path("statements").forEach(statement -> statements.add(statement.asText()));
                queries.add(BatchQuery.refresh(query.path("id").asText(), new RefreshFunction(statements,
                        new RefreshFunction.StagedRows(refresh.path("generator").asText(), refresh.path("scale").asDouble(),
                                refresh.path("set").asInt()))));
            } else {
                queries.add(new BatchQuery(query.path("id").asText(), query.path("sql").asText()));
            }
        }
        return new RunManifest(root.path("run_id").asText(), root.path("database").textValue(),
                Catalog.fromJson(root.path("catalog").asText()), tables, queries, root.path("warmups").asInt(),
                root.path("iterations").asInt(), root.path("max_rows").asInt(), root.path("output").asText());
    }

    /** Writes this manifest to {@link #manifestUri()} and returns that URI, for the job's argument. */
    public String upload(S3Client s3) {
        S3Uri target = S3Uri.parse(manifestUri());
        s3.putObject(b -> b.bucket(target.bucket()).key(target.key()).contentType("application/json"),
                RequestBody.fromBytes(toJson().getBytes(StandardCharsets.UTF_8)));
        return target.toString();
    }
}
