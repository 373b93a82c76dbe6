package dev.benchbox.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Writes one part inside a Spark task: the generator's rows straight into one Parquet file (snappy, the
 * columns' types as DuckDB writes them today), then — only once that file is complete — the part's
 * completion marker with its row count. S3 has no rename: the marker is what makes a part count, so a
 * part killed half-way is simply generated again.
 */
final class PartWriter {
    /** Parquet's default: one row group per ~128 MB, and files of about that size at the shell's part sizes. */
    private static final int ROW_GROUP_BYTES = 128 * 1024 * 1024;

    private PartWriter() {
    }

    /** One part to generate: where its file and its marker go. */
    record Part(String table, int part, int parts, List<GenerationManifest.Column> columns, String file, String marker)
            implements Serializable {
        Part {
            requireNonNull(table, "table is null");
            columns = List.copyOf(columns);
            requireNonNull(file, "file is null");
            requireNonNull(marker, "marker is null");
        }
    }

    /** What a written part holds. */
    record Written(String table, int part, long rows, long bytes) implements Serializable {
    }

    /** Runs in a task: generates, writes, marks. {@code hadoop} is the driver's Hadoop configuration, copied. */
    static Written write(Part part, String benchmark, double scale, Map<String, String> hadoop) throws IOException {
        Configuration conf = new Configuration(false);
        hadoop.forEach(conf::set);
        Generators.Generator generator = Generators.forBenchmark(benchmark);
        MessageType schema = schema(part.table(), part.columns());
        Path file = new Path(URI.create(part.file()));
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        List<GenerationManifest.Column> columns = part.columns();
        long rows;
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf))
                .withConf(conf)
                .withType(schema)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            rows = generator.generate(part.table(), scale, part.part(), part.parts(), columns, values -> {
                Group group = groups.newGroup();
                for (int i = 0; i < values.length; i++) {
                    Object value = values[i];
                    if (value == null) {
                        continue;
                    }
                    switch (columns.get(i).kind()) {
                        case BIGINT, DECIMAL -> group.add(i, (Long) value);
                        case INT, DATE -> group.add(i, (Integer) value);
                        case STRING -> group.add(i, Binary.fromString((String) value));
                    }
                }
                writer.write(group);
            });
        }
        FileSystem fs = file.getFileSystem(conf);
        long bytes = fs.getFileStatus(file).getLen();
        ObjectNode marker = new ObjectMapper().createObjectNode()
                .put("table", part.table()).put("part", part.part()).put("parts", part.parts())
                .put("rows", rows).put("bytes", bytes).put("file", file.getName());
        try (FSDataOutputStream out = fs.create(new Path(URI.create(part.marker())), true)) {
            out.write(marker.toString().getBytes(StandardCharsets.UTF_8));
        }
        return new Written(part.table(), part.part(), rows, bytes);
    }

    /** Optional (nullable) columns, as DuckDB's COPY writes them, so both ways give the same file schema. */
    static MessageType schema(String table, List<GenerationManifest.Column> columns) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (GenerationManifest.Column c : columns) {
            switch (c.kind()) {
                case BIGINT -> message.optional(PrimitiveTypeName.INT64).named(c.name());
                case INT -> message.optional(PrimitiveTypeName.INT32).named(c.name());
                case DATE -> message.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(c.name());
                case DECIMAL -> message.optional(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.decimalType(c.scale(), c.precision())).named(c.name());
                case STRING -> message.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
            }
        }
        return message.named(table);
    }
}
