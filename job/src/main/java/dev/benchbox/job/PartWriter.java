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
import java.util.LinkedHashMap;
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

    /** One table a part writes: its columns, where its file and its marker go. */
    record Output(String table, List<GenerationManifest.Column> columns, String file, String marker) implements Serializable {
        Output {
            requireNonNull(table, "table is null");
            columns = List.copyOf(columns);
            requireNonNull(file, "file is null");
            requireNonNull(marker, "marker is null");
        }
    }

    /**
     * One part to generate: part {@code part} of {@code parts} of the {@code source} table's generator, written to one
     * file per output table (TPC-DS: a sales table and its returns come out of the same generator).
     */
    record Part(String source, int part, int parts, List<Output> outputs) implements Serializable {
        Part {
            requireNonNull(source, "source is null");
            outputs = List.copyOf(outputs);
            if (outputs.isEmpty()) {
                throw new IllegalArgumentException(source + " part " + part + ": no table to write");
            }
        }
    }

    /** What a written part holds: rows per table, and the bytes of all its files. */
    record Written(String source, int part, Map<String, Long> rows, long bytes) implements Serializable {
    }

    /**
     * Runs in a task: generates, writes every output's file, then marks each. {@code hadoop} is the driver's Hadoop
     * configuration, copied. The markers come only after every file is complete, so a part whose task died half-way
     * is generated again, all its tables together.
     */
    static Written write(Part part, String benchmark, double scale, Map<String, String> hadoop) throws IOException {
        Configuration conf = new Configuration(false);
        hadoop.forEach(conf::set);
        Generators.Generator generator = Generators.forBenchmark(benchmark);
        Map<String, ParquetWriter<Group>> writers = new LinkedHashMap<>();
        Map<String, List<GenerationManifest.Column>> columns = new LinkedHashMap<>();
        Map<String, Generators.RowSink> sinks = new LinkedHashMap<>();
        Map<String, Long> rows;
        try {
            for (Output output : part.outputs()) {
                MessageType schema = schema(output.table(), output.columns());
                ParquetWriter<Group> writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(new Path(URI.create(output.file())), conf))
                        .withConf(conf)
                        .withType(schema)
                        .withCompressionCodec(CompressionCodecName.SNAPPY)
                        .withRowGroupSize(ROW_GROUP_BYTES)
                        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                        .build();
                writers.put(output.table(), writer);
                columns.put(output.table(), output.columns());
                sinks.put(output.table(), sink(writer, new SimpleGroupFactory(schema), output.columns()));
            }
            rows = generator.generateTogether(part.source(), scale, part.part(), part.parts(), columns, sinks);
        } finally {
            IOException failed = null;
            for (ParquetWriter<Group> writer : writers.values()) {
                try {
                    writer.close();
                } catch (IOException e) {
                    failed = failed == null ? e : failed;
                }
            }
            if (failed != null) {
                throw failed;
            }
        }
        long bytes = 0;
        for (Output output : part.outputs()) {
            Path file = new Path(URI.create(output.file()));
            FileSystem fs = file.getFileSystem(conf);
            long fileBytes = fs.getFileStatus(file).getLen();
            bytes += fileBytes;
            long tableRows = rows.getOrDefault(output.table(), 0L);
            ObjectNode marker = new ObjectMapper().createObjectNode()
                    .put("table", output.table()).put("part", part.part()).put("parts", part.parts())
                    .put("rows", tableRows).put("bytes", fileBytes).put("file", file.getName());
            try (FSDataOutputStream out = fs.create(new Path(URI.create(output.marker())), true)) {
                out.write(marker.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        part.outputs().forEach(o -> counts.put(o.table(), rows.getOrDefault(o.table(), 0L)));
        return new Written(part.source(), part.part(), counts, bytes);
    }

    private static Generators.RowSink sink(ParquetWriter<Group> writer, SimpleGroupFactory groups, List<GenerationManifest.Column> columns) {
        return values -> {
            Group group = groups.newGroup();
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value == null) {
                    continue;
                }
                GenerationManifest.Column column = columns.get(i);
                switch (column.kind()) {
                    case BIGINT -> group.add(i, (Long) value);
                    // DuckDB stores a decimal of precision 9 or less as INT32: so do we
                    case DECIMAL -> {
                        if (column.precision() <= 9) {
                            group.add(i, Math.toIntExact((Long) value));
                        } else {
                            group.add(i, (Long) value);
                        }
                    }
                    case INT, DATE -> group.add(i, (Integer) value);
                    case STRING -> group.add(i, Binary.fromString((String) value));
                }
            }
            writer.write(group);
        };
    }

    /** Optional (nullable) columns, as DuckDB's COPY writes them, so both ways give the same file schema. */
    static MessageType schema(String table, List<GenerationManifest.Column> columns) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (GenerationManifest.Column c : columns) {
            switch (c.kind()) {
                case BIGINT -> message.optional(PrimitiveTypeName.INT64).named(c.name());
                case INT -> message.optional(PrimitiveTypeName.INT32).named(c.name());
                case DATE -> message.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(c.name());
                case DECIMAL -> message.optional(c.precision() <= 9 ? PrimitiveTypeName.INT32 : PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.decimalType(c.scale(), c.precision())).named(c.name());
                case STRING -> message.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
            }
        }
        return message.named(table);
    }
}
