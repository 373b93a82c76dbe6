package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import dev.benchbox.dataset.Column;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * A Parquet table in the Glue Data Catalog as Spark (with Glue as its metastore) reads it: typed columns in
 * Hive types, the Parquet SerDe and input/output formats, EXTERNAL_TABLE at the data's S3 prefix.
 *
 * @param name table name
 * @param columns columns with Hive types ({@code bigint}, {@code decimal(15,2)}, {@code string}...)
 * @param location the S3 prefix holding the table's Parquet files
 * @param parameters table parameters ({@code classification=parquet}, {@code numRows}...)
 */
public record GlueTableDefinition(String name, List<Column> columns, S3Location location, Map<String, String> parameters) {
    public static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    public static final String PARQUET_INPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    public static final String PARQUET_OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";

    public GlueTableDefinition {
        requireNonNull(name, "name is null");
        columns = List.copyOf(columns);
        requireNonNull(location, "location is null");
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The Glue API's TableInput for CreateTable and UpdateTable. */
    public TableInput tableInput() {
        Map<String, String> tableParameters = new LinkedHashMap<>();
        tableParameters.put("classification", "parquet");
        // Athena and Glue crawlers set this too; Spark ignores it
        tableParameters.put("EXTERNAL", "TRUE");
        tableParameters.putAll(parameters);
        return TableInput.builder()
                .name(name)
                .tableType("EXTERNAL_TABLE")
                .description("Written by BenchBox")
                .parameters(tableParameters)
                .storageDescriptor(sd -> sd
                        .columns(columns.stream()
                                .map(c -> software.amazon.awssdk.services.glue.model.Column.builder().name(c.name()).type(c.type()).build())
                                .toList())
                        .location(location.uri())
                        .inputFormat(PARQUET_INPUT_FORMAT)
                        .outputFormat(PARQUET_OUTPUT_FORMAT)
                        .compressed(false)
                        .serdeInfo(serde -> serde.serializationLibrary(PARQUET_SERDE).parameters(Map.of("serialization.format", "1"))))
                .build();
    }

    /** The same table as Spark SQL DDL, for previews and for registering it by hand. */
    public String ddl(String database) {
        String columnList = columns.stream().map(c -> "  `" + c.name() + "` " + c.type()).collect(Collectors.joining(",\n"));
        return "CREATE EXTERNAL TABLE IF NOT EXISTS `" + database + "`.`" + name + "` (\n" + columnList + "\n)\n"
                + "STORED AS PARQUET\nLOCATION '" + location.uri() + "'\n"
                + "TBLPROPERTIES ('classification' = 'parquet'"
                + parameters.entrySet().stream().map(e -> ", '" + e.getKey() + "' = '" + e.getValue() + "'").collect(Collectors.joining())
                + ");\n";
    }
}
