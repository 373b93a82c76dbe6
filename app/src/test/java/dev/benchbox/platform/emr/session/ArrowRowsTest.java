package dev.benchbox.platform.emr.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.dataset.Column;
import dev.benchbox.results.print.ValueFormatter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** Spark Connect's Arrow values become the Java values DuckDB's driver gives, so the printers format them alike. */
class ArrowRowsTest {

    @Test
    void sparkArrowTypesBecomeDuckDbLikeValuesAndSparkTypeNames() {
        try (BufferAllocator allocator = new RootAllocator();
                DateDayVector date = new DateDayVector("d", allocator);
                DecimalVector decimal = new DecimalVector("m", allocator, 15, 2);
                TimeStampMicroTZVector timestamp = new TimeStampMicroTZVector("t", allocator, "America/New_York");
                IntVector nullable = new IntVector("n", allocator);
                VarCharVector text = new VarCharVector("s", allocator);
                BigIntVector big = new BigIntVector("b", allocator)) {
            date.setSafe(0, (int) LocalDate.of(1998, 12, 1).toEpochDay());
            decimal.setSafe(0, new BigDecimal("1234.50"));
            // 2024-01-02T08:04:05Z is 03:04:05 in New York: Spark shows timestamps in the session's time zone
            timestamp.setSafe(0, 1_704_182_645_000_000L);
            nullable.setNull(0);
            text.setSafe(0, "x,y".getBytes(StandardCharsets.UTF_8));
            big.setSafe(0, 42L);
            List<FieldVector> vectors = List.of(date, decimal, timestamp, nullable, text, big);
            vectors.forEach(v -> v.setValueCount(1));
            try (VectorSchemaRoot root = new VectorSchemaRoot(vectors)) {
                assertThat(ArrowRows.columns(root)).containsExactly(new Column("d", "DATE"), new Column("m", "DECIMAL(15,2)"),
                        new Column("t", "TIMESTAMP"), new Column("n", "INT"), new Column("s", "STRING"), new Column("b", "BIGINT"));
                assertThat(ArrowRows.value(date, 0)).isEqualTo(LocalDate.of(1998, 12, 1));
                assertThat(ArrowRows.value(decimal, 0)).isEqualTo(new BigDecimal("1234.50"));
                assertThat(ArrowRows.value(timestamp, 0)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
                assertThat(ArrowRows.value(nullable, 0)).isNull();
                assertThat(ArrowRows.value(text, 0)).isEqualTo("x,y");
                assertThat(ArrowRows.value(big, 0)).isEqualTo(42L);
                assertThat(ValueFormatter.format(ArrowRows.value(decimal, 0))).isEqualTo("1234.50");
                assertThat(ValueFormatter.format(ArrowRows.value(timestamp, 0))).isEqualTo("2024-01-02T03:04:05");
            }
        }
    }
}
