package dev.benchbox.platform.emr.session;

import dev.benchbox.dataset.Column;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Spark Connect's Arrow result batches as the Java values the printers already know from DuckDB's JDBC driver:
 * DATE as {@link LocalDate}, DECIMAL as {@link BigDecimal}, TIMESTAMP as {@link LocalDateTime} in the session's time
 * zone (what Spark shows), NULL as {@code null}, strings as {@link String}. Column types are Spark SQL's names.
 */
final class ArrowRows {
    private ArrowRows() {
    }

    static List<Column> columns(VectorSchemaRoot root) {
        List<Column> columns = new ArrayList<>();
        for (Field field : root.getSchema().getFields()) {
            columns.add(new Column(field.getName(), typeName(field.getType())));
        }
        return columns;
    }

    /** Spark SQL's name of an Arrow type as Spark writes it (upper case, as DuckDB reports types). */
    static String typeName(ArrowType type) {
        return switch (type.getTypeID()) {
            case Int -> switch (((ArrowType.Int) type).getBitWidth()) {
                case 8 -> "TINYINT";
                case 16 -> "SMALLINT";
                case 32 -> "INT";
                default -> "BIGINT";
            };
            case FloatingPoint -> ((ArrowType.FloatingPoint) type).getPrecision() == org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE
                    ? "FLOAT" : "DOUBLE";
            case Decimal -> "DECIMAL(" + ((ArrowType.Decimal) type).getPrecision() + "," + ((ArrowType.Decimal) type).getScale() + ")";
            case Utf8, LargeUtf8 -> "STRING";
            case Binary, LargeBinary -> "BINARY";
            case Bool -> "BOOLEAN";
            case Date -> "DATE";
            case Timestamp -> ((ArrowType.Timestamp) type).getTimezone() == null ? "TIMESTAMP_NTZ" : "TIMESTAMP";
            case Null -> "VOID";
            default -> type.getTypeID().name().toUpperCase(Locale.ROOT);
        };
    }

    /** The value at {@code row} of a column, or null. */
    static Object value(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof IntVector v) {
            return v.get(row);
        }
        if (vector instanceof BigIntVector v) {
            return v.get(row);
        }
        if (vector instanceof SmallIntVector v) {
            return v.get(row);
        }
        if (vector instanceof TinyIntVector v) {
            return v.get(row);
        }
        if (vector instanceof Float8Vector v) {
            return v.get(row);
        }
        if (vector instanceof Float4Vector v) {
            return v.get(row);
        }
        if (vector instanceof DecimalVector v) {
            return v.getObject(row);
        }
        if (vector instanceof VarCharVector v) {
            return new String(v.get(row), java.nio.charset.StandardCharsets.UTF_8);
        }
        if (vector instanceof BitVector v) {
            return v.get(row) != 0;
        }
        if (vector instanceof DateDayVector v) {
            return LocalDate.ofEpochDay(v.get(row));
        }
        if (vector instanceof TimeStampMicroTZVector v) {
            long micros = v.get(row);
            Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
            return LocalDateTime.ofInstant(instant, zone(v.getTimeZone()));
        }
        if (vector instanceof TimeStampMicroVector v) {
            return v.getObject(row);
        }
        if (vector instanceof VarBinaryVector v) {
            return v.get(row);
        }
        Object other = vector.getObject(row);
        return other == null ? null : other.toString();
    }

    private static ZoneId zone(String id) {
        try {
            return id == null ? ZoneOffset.UTC : ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
