package dev.benchbox.platform.duckdb;

import dev.benchbox.platform.LoadProgress;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One part of a TPC-H table as an Arrow stream: io.trino.tpch's rows written column by column into Arrow vectors, a
 * batch at a time, for DuckDB to scan. DuckDB's appender takes each string through a JNI call and an allocation of
 * its own; a batch hands it thousands of values at once (measured: a quarter less CPU for SF 1, see README).
 * The column types are those of {@link dev.benchbox.tpch.TpchSchema}: BIGINT keys, INTEGER, DATE, DECIMAL(15,2), VARCHAR.
 */
final class TpchArrowBatches extends ArrowReader {
    /** Rows per batch: enough to amortise a batch's set-up, small enough that two parts per core stay a few MB. */
    static final int BATCH_ROWS = 16_384;

    private final List<TpchColumn<TpchEntity>> columns;
    private final Iterator<? extends TpchEntity> rows;
    private final Schema schema;
    private final LoadProgress progress;
    private final BooleanSupplier cancelled;

    @SuppressWarnings("unchecked")
    TpchArrowBatches(BufferAllocator allocator, TpchTable<?> table, double scale, int part, int partCount,
            LoadProgress progress, BooleanSupplier cancelled) {
        super(allocator);
        this.columns = new ArrayList<>();
        for (TpchColumn<?> column : table.getColumns()) {
            columns.add((TpchColumn<TpchEntity>) column);
        }
        this.rows = table.createGenerator(scale, part, partCount).iterator();
        this.progress = progress;
        this.cancelled = cancelled;
        List<Field> fields = new ArrayList<>();
        for (TpchColumn<TpchEntity> column : columns) {
            fields.add(Field.notNullable(column.getSimplifiedColumnName(), arrowType(column)));
        }
        this.schema = new Schema(fields);
    }

    private static ArrowType arrowType(TpchColumn<?> column) {
        return switch (column.getType().getBase()) {
            case IDENTIFIER -> new ArrowType.Int(64, true);
            case INTEGER -> new ArrowType.Int(32, true);
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case DOUBLE -> new ArrowType.Decimal(15, 2, 128);
            case VARCHAR -> new ArrowType.Utf8();
        };
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        // DuckDB calls this from its own threads, which Ctrl-C does not interrupt: the load's flag stops it
        if (cancelled.getAsBoolean()) {
            throw new IOException("load cancelled");
        }
        ensureInitialized();
        VectorSchemaRoot root = getVectorSchemaRoot();
        root.allocateNew();
        List<FieldVector> vectors = root.getFieldVectors();
        int width = columns.size();
        int count = 0;
        while (count < BATCH_ROWS && rows.hasNext()) {
            TpchEntity row = rows.next();
            for (int i = 0; i < width; i++) {
                TpchColumn<TpchEntity> column = columns.get(i);
                FieldVector vector = vectors.get(i);
                switch (column.getType().getBase()) {
                    case IDENTIFIER -> ((BigIntVector) vector).setSafe(count, column.getIdentifier(row));
                    case INTEGER -> ((IntVector) vector).setSafe(count, column.getInteger(row));
                    case DATE -> ((DateDayVector) vector).setSafe(count, column.getDate(row));
                    // the generator's doubles are whole cents: the unscaled DECIMAL(15,2) value, rounded
                    case DOUBLE -> ((DecimalVector) vector).setSafe(count, Math.round(column.getDouble(row) * 100));
                    case VARCHAR -> ((VarCharVector) vector).setSafe(count, column.getString(row).getBytes(StandardCharsets.UTF_8));
                }
            }
            count++;
        }
        root.setRowCount(count);
        progress.advance(count);
        return count > 0;
    }

    @Override
    public long bytesRead() {
        return 0; // generated, not read
    }

    @Override
    protected void closeReadSource() {
        // nothing to close: the generator holds no resources
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
