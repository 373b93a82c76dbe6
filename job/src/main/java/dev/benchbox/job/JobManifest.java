package dev.benchbox.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The run manifest as the job reads it: what the shell's {@code RunManifest} writes (snake_case JSON).
 * Parsed by hand from the tree, so that a bad manifest fails with a message naming the field rather than
 * with a binding error, and so that the job depends on nothing of Jackson but its most stable API.
 *
 * @param runId      the run's id, echoed into every output file
 * @param database   the Glue database to {@code USE} in glue and iceberg mode; null in paths mode
 * @param catalog    {@code glue} (tables through the metastore), {@code iceberg} (Iceberg tables through the Spark
 *                   catalog {@code icebergCatalog}, Iceberg's Glue catalog) or {@code paths} (temporary views over {@code tables})
 * @param icebergCatalog the Spark catalog holding the Iceberg tables in iceberg mode (its settings come with the job run), else null
 * @param tables     table name → location (directory of Parquet files), in manifest order
 * @param queries    the queries of the stream, in order; a refresh function ({@link Refresh}) is one of them
 * @param warmups    unmeasured rounds before the measured ones
 * @param iterations measured rounds, at least one
 * @param maxRows    result rows kept per execution (all rows are counted)
 * @param output     where results go, ending in {@code /}
 */
record JobManifest(String runId, String database, String catalog, String icebergCatalog, Map<String, String> tables,
                   List<Query> queries, int warmups, int iterations, int maxRows, String output) {

    static final String GLUE = "glue";
    static final String ICEBERG = "iceberg";
    static final String PATHS = "paths";

    /**
     * One entry of the stream: a query, or a refresh function ({@code refresh} not null, {@code sql} its statements joined).
     */
    record Query(String id, String sql, Refresh refresh) {
        Query {
            requireNonNull(id, "id is null");
            requireNonNull(sql, "sql is null");
        }

        Query(String id, String sql) {
            this(id, sql, null);
        }
    }

    /**
     * A refresh function ({@code {"refresh": {"statements": [...], "generator": "tpch", "scale": 0.01, "set": 1}}}): the
     * generator named {@code generator} stages update set {@code set} at {@code scale} as views ({@link RefreshGenerators}),
     * then the statements run over them, in order ({@link RefreshFunctions}).
     */
    record Refresh(List<String> statements, String generator, double scale, int set) {
        Refresh {
            statements = List.copyOf(statements);
            requireNonNull(generator, "generator is null");
        }
    }

    JobManifest {
        requireNonNull(runId, "runId is null");
        requireNonNull(catalog, "catalog is null");
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        queries = List.copyOf(queries);
        requireNonNull(output, "output is null");
    }

    /** Parses and checks a manifest; every problem is an {@link IllegalArgumentException} naming the field. */
    static JobManifest parse(byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("manifest is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("manifest is not a JSON object");
        }
        String runId = text(root, "run_id", true);
        String catalog = text(root, "catalog", true);
        if (!catalog.equals(GLUE) && !catalog.equals(ICEBERG) && !catalog.equals(PATHS)) {
            throw new IllegalArgumentException("catalog must be \"glue\", \"iceberg\" or \"paths\", got \"" + catalog + "\"");
        }
        String database = text(root, "database", !catalog.equals(PATHS));
        String icebergCatalog = text(root, "iceberg_catalog", catalog.equals(ICEBERG));

        Map<String, String> tables = new LinkedHashMap<>();
        JsonNode tableNode = root.path("tables");
        if (!tableNode.isMissingNode() && !tableNode.isNull()) {
            if (!tableNode.isObject()) {
                throw new IllegalArgumentException("tables must be an object of name → location");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = tableNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                    throw new IllegalArgumentException("tables." + e.getKey() + " must be a location string");
                }
                tables.put(e.getKey(), e.getValue().asText());
            }
        }
        if (catalog.equals(PATHS) && tables.isEmpty()) {
            throw new IllegalArgumentException("catalog \"paths\" needs tables (name → location)");
        }

        JsonNode queryNode = root.path("queries");
        if (!queryNode.isArray() || queryNode.isEmpty()) {
            throw new IllegalArgumentException("queries must be a non-empty array of {id, sql}");
        }
        List<Query> queries = new ArrayList<>();
        Map<String, String> files = new HashMap<>();
        for (JsonNode q : queryNode) {
            String id = text(q, "id", true);
            String clash = files.putIfAbsent(fileName(id), id);
            if (clash != null) {
                throw new IllegalArgumentException(clash.equals(id) ? "query id \"" + id + "\" appears twice"
                        : "query ids \"" + clash + "\" and \"" + id + "\" would share result files");
            }
            JsonNode refresh = q.path("refresh");
            if (refresh.isMissingNode() || refresh.isNull()) {
                queries.add(new Query(id, text(q, "sql", true)));
            } else {
                if (q.has("sql")) {
                    throw new IllegalArgumentException("queries." + id + " has both sql and refresh: one or the other");
                }
                Refresh function = refresh(id, refresh);
                queries.add(new Query(id, String.join(";\n", function.statements()), function));
            }
        }
        int warmups = number(root, "warmups", 0);
        int iterations = number(root, "iterations", 1);
        for (Query q : queries) {
            if (q.refresh() == null) {
                continue;
            }
            if (!catalog.equals(ICEBERG)) {
                throw new IllegalArgumentException("queries." + q.id() + ".refresh changes tables: it needs catalog \"iceberg\", not \""
                        + catalog + "\"");
            }
            if (warmups != 0 || iterations != 1) {
                throw new IllegalArgumentException("queries." + q.id() + ".refresh changes tables, so it runs once: warmups must be 0 "
                        + "and iterations 1, got " + warmups + " and " + iterations);
            }
        }
        int maxRows = number(root, "max_rows", 0);
        String output = text(root, "output", true);
        return new JobManifest(runId, database, catalog, icebergCatalog, tables, queries, warmups, iterations, maxRows,
                output.endsWith("/") ? output : output + "/");
    }

    private static Refresh refresh(String id, JsonNode refresh) {
        String field = "queries." + id + ".refresh";
        if (!refresh.isObject()) {
            throw new IllegalArgumentException(field + " must be an object {statements, generator, scale, set}");
        }
        JsonNode statementNode = refresh.path("statements");
        if (!statementNode.isArray() || statementNode.isEmpty()) {
            throw new IllegalArgumentException(field + ".statements must be a non-empty array of SQL strings");
        }
        List<String> statements = new ArrayList<>();
        for (JsonNode statement : statementNode) {
            if (!statement.isTextual() || statement.asText().isBlank()) {
                throw new IllegalArgumentException(field + ".statements must hold non-empty SQL strings");
            }
            statements.add(statement.asText());
        }
        JsonNode generator = refresh.path("generator");
        if (!generator.isTextual() || generator.asText().isBlank()) {
            throw new IllegalArgumentException(field + ".generator must name the refresh data's generator, e.g. \"tpch\"");
        }
        JsonNode scale = refresh.path("scale");
        if (!scale.isNumber() || !(scale.doubleValue() > 0)) {
            throw new IllegalArgumentException(field + ".scale must be a number above 0");
        }
        JsonNode set = refresh.path("set");
        if (!set.isIntegralNumber() || !set.canConvertToInt() || set.intValue() < 1) {
            throw new IllegalArgumentException(field + ".set must be a whole number, 1 or more");
        }
        return new Refresh(statements, generator.asText(), scale.doubleValue(), set.intValue());
    }

    /** Query ids become file names: anything but letters, digits, '.', '_' and '-' is replaced. */
    static String fileName(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException("manifest has no " + field);
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
        return value.asText();
    }

    private static int number(JsonNode node, String field, int min) {
        JsonNode value = node.path(field);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException(field + " must be a whole number");
        }
        if (value.intValue() < min) {
            throw new IllegalArgumentException(field + " must be at least " + min + ", got " + value.intValue());
        }
        return value.intValue();
    }
}
