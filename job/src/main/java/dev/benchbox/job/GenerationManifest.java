package dev.benchbox.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.datagen.DecimalType;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A data generation manifest ({@code "kind": "generate"}), as the shell's {@code GenerationManifest} writes it:
 * which benchmark, at what scale, which tables split into how many parts, each table's columns with their types
 * (the shell's schema: the job keeps no copy of it) and where the data and the job's report go.
 *
 * <pre>{@code
 * {"kind": "generate", "run_id": "g-1", "benchmark": "tpch", "scale": 1,
 *  "data": "s3://bucket/staging/data/tpch/sf1/", "output": "s3://bucket/staging/runs/g-1/",
 *  "tables": [{"name": "nation", "parts": 1, "columns": [{"name": "n_nationkey", "type": "bigint"}, ...]}]}
 * }</pre>
 *
 * @param runId     echoed into the report
 * @param benchmark which generator ({@link Generators})
 * @param scale     the scale factor
 * @param data      the data set's prefix: {@code <data><table>/part-NNNNN-of-NNNNN.parquet}, markers under {@code <data>_parts/}
 * @param output    where the report goes ({@code generation.json}), ending in {@code /}
 * @param tables    the tables, in order
 * @param iceberg   where the tables go as Iceberg tables once generated ({@code "iceberg": {"catalog": "glue_catalog",
 *                  "database": "tpch_sf1"}}), or null for the Parquet files alone
 */
record GenerationManifest(String runId, String benchmark, double scale, String data, String output, List<Table> tables,
                          Iceberg iceberg) implements Serializable {

    /** The Spark catalog (Iceberg's, configured by the job run's settings) and the Glue database the tables are written to. */
    record Iceberg(String catalog, String database) implements Serializable {
        Iceberg {
            requireNonNull(catalog, "catalog is null");
            requireNonNull(database, "database is null");
        }
    }

    static final String KIND = "generate";

    /** The column types a generated Parquet file can hold: what the shell's Glue tables declare. */
    enum Kind { BIGINT, INT, DATE, DECIMAL, STRING }

    /** One column: its name, its Hive type as declared, and for decimals precision and scale. */
    record Column(String name, String type, Kind kind, int precision, int scale) implements Serializable {
        Column {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(kind, "kind is null");
        }

        static Column of(String table, String name, String type) {
            String t = type.trim().toLowerCase(Locale.ROOT);
            Optional<DecimalType> decimal = DecimalType.parse(t);
            if (decimal.isPresent()) {
                int precision = decimal.get().precision();
                if (precision > 18) { // stored as a Parquet INT64, as DuckDB writes DECIMAL(15,2)
                    throw new IllegalArgumentException(table + "." + name + ": decimal precision above 18 is not supported: " + type);
                }
                return new Column(name, t, Kind.DECIMAL, precision, decimal.get().scale());
            }
            Kind kind = switch (t) {
                case "bigint" -> Kind.BIGINT;
                case "int", "integer" -> Kind.INT;
                case "date" -> Kind.DATE;
                case "string" -> Kind.STRING;
                default -> throw new IllegalArgumentException(table + "." + name + ": unsupported column type " + type);
            };
            return new Column(name, t, kind, 0, 0);
        }
    }

    /** One table and how many parts it is generated in (each part one Spark task and one file). */
    record Table(String name, int parts, List<Column> columns) implements Serializable {
        Table {
            requireNonNull(name, "name is null");
            if (!name.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("table name must be lower-case letters, digits and '_': " + name);
            }
            if (parts < 1) {
                throw new IllegalArgumentException(name + ": parts must be at least 1, got " + parts);
            }
            columns = List.copyOf(columns);
            if (columns.isEmpty()) {
                throw new IllegalArgumentException(name + ": no columns");
            }
        }
    }

    GenerationManifest {
        requireNonNull(runId, "runId is null");
        requireNonNull(benchmark, "benchmark is null");
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive number, got " + scale);
        }
        data = prefix("data", data);
        output = prefix("output", output);
        tables = List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("tables must not be empty");
        }
        Set<String> names = new HashSet<>();
        for (Table t : tables) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("table " + t.name() + " appears twice");
            }
        }
    }

    /** Whether a manifest's JSON asks for data generation (rather than a query run). */
    static boolean isGeneration(JsonNode root) {
        return root != null && KIND.equals(root.path("kind").asText(null));
    }

    static GenerationManifest parse(JsonNode root) {
        String runId = text(root, "run_id");
        String benchmark = text(root, "benchmark");
        JsonNode scale = root.path("scale");
        if (!scale.isNumber()) {
            throw new IllegalArgumentException("scale must be a number");
        }
        JsonNode tableNode = root.path("tables");
        if (!tableNode.isArray()) {
            throw new IllegalArgumentException("tables must be an array of {name, parts, columns}");
        }
        List<Table> tables = new ArrayList<>();
        for (JsonNode t : tableNode) {
            String name = text(t, "name");
            List<Column> columns = new ArrayList<>();
            for (JsonNode c : t.path("columns")) {
                columns.add(Column.of(name, text(c, "name"), text(c, "type")));
            }
            tables.add(new Table(name, t.path("parts").asInt(0), columns));
        }
        JsonNode icebergNode = root.path("iceberg");
        Iceberg iceberg = icebergNode.isMissingNode() || icebergNode.isNull() ? null
                : new Iceberg(text(icebergNode, "catalog"), text(icebergNode, "database"));
        return new GenerationManifest(runId, benchmark, scale.asDouble(), text(root, "data"), text(root, "output"), tables, iceberg);
    }

    static JsonNode tree(byte[] json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("manifest is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new IllegalArgumentException("manifest is not JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
        return value.asText();
    }

    private static String prefix(String field, String uri) {
        requireNonNull(uri, field + " is null");
        if (!uri.matches("[a-z0-9]+://.+")) {
            throw new IllegalArgumentException(field + " must be a URI such as s3://bucket/prefix/, got " + uri);
        }
        return uri.endsWith("/") ? uri : uri + "/";
    }
}
