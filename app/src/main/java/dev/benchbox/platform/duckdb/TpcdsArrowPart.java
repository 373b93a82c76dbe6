package dev.benchbox.platform.duckdb;

import dev.benchbox.platform.LoadProgress;
import dev.benchbox.tpcds.TpcdsGeneration;
import dev.benchbox.tpcds.TpcdsTypedRows;
import io.trino.tpcds.Session;
import io.trino.tpcds.Table;
import io.trino.tpcds.column.Column;
import io.trino.tpcds.column.ColumnType;
import io.trino.tpcds.row.TableRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
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
 * One chunk of an io.trino.tpcds generator as one Arrow stream per table it feeds: a sales table's chunk makes the
 * sales rows and, after each sale, that sale's returns, so one pass feeds the sales stream and the returns stream.
 * Whichever stream DuckDB asks for a batch when none is ready runs the generator for a step of {@link #STEP_ROWS}
 * rows; the step's rows are cut into a batch per table. The two scans run side by side: a stream that finds the other
 * with {@link #MAX_READY} batches waiting lets it catch up first (for a while at most), so what waits is a few steps'
 * batches. The fact tables' values are read from the generator's row objects straight into the vectors
 * ({@link TpcdsTypedRows}: decimals as their unscaled longs, no text in between); the other tables' rows are the
 * generator's text, parsed to the declared types by the same code as the Spark job uses ({@link TpcdsGeneration}; an
 * empty value is NULL).
 */
final class TpcdsArrowPart {
    /** Generator rows per step: enough to amortise a batch's set-up, few enough that a waiting batch is a few MB. */
    static final int STEP_ROWS = 16_384;
    /**
     * Batches a stream may have waiting before the other stream, asking for more, waits for it to catch up: the
     * returns scan asks ten times as often as the sales scan it rides with, and now that a step costs less than
     * DuckDB's insert of its batch, without this the sales batches would queue up (hundreds of MB at SF 1).
     */
    static final int MAX_READY = 4;
    /** The longest a stream waits for the other to catch up before it generates anyway: a wait never becomes a hang. */
    private static final long MAX_WAIT_NANOS = 2_000_000_000L;

    private final Iterator<List<TableRow>> rows;
    private final TableBatches parent;
    private final TableBatches child;
    private final List<TableBatches> fed = new ArrayList<>();
    private final BufferAllocator allocator;
    private final LoadProgress progress;
    private final BooleanSupplier cancelled;
    private boolean exhausted;

    /**
     * @param table  the generator's table (a sales table, or one without returns)
     * @param tables the tables to feed, in stream order: {@code table}, its returns table, or both
     */
    TpcdsArrowPart(Table table, List<String> tables, double scale, int chunk, int chunks, BufferAllocator allocator,
            LoadProgress progress, BooleanSupplier cancelled) {
        this.allocator = allocator;
        this.progress = progress;
        this.cancelled = cancelled;
        TableBatches parentBatches = null;
        TableBatches childBatches = null;
        for (String name : tables) {
            if (name.equals(table.getName())) {
                parentBatches = new TableBatches(table, STEP_ROWS);
                fed.add(parentBatches);
            } else if (table.hasChild() && name.equals(table.getChild().getName())) {
                // a tenth or so of the sales have returns: start small, the vectors grow when needed
                childBatches = new TableBatches(table.getChild(), STEP_ROWS / 8);
                fed.add(childBatches);
            } else {
                throw new IllegalArgumentException(name + " does not come out of " + table.getName() + "'s generator");
            }
        }
        this.parent = parentBatches;
        this.child = childBatches;
        Session session = Session.getDefaultSession().withScale(scale).withParallelism(chunks).withChunkNumber(chunk);
        this.rows = TpcdsTypedRows.rows(table, session);
    }

    /** One stream per table fed, in the order asked for; the caller (or DuckDB, having scanned one) closes them. */
    List<ArrowReader> streams() {
        List<ArrowReader> streams = new ArrayList<>();
        for (TableBatches table : fed) {
            streams.add(new Stream(table));
        }
        return streams;
    }

    /** Moves {@code table}'s next batch into {@code into}, generating steps until there is one: false at the end. */
    private synchronized boolean next(TableBatches table, VectorSchemaRoot into) throws IOException {
        // DuckDB calls this from its own threads, which Ctrl-C does not interrupt: the load's flag stops it
        if (cancelled.getAsBoolean()) {
            throw new IOException("load stopped");
        }
        long waitingSince = 0;
        while (table.ready.isEmpty() && !exhausted) {
            if (othersBehind(table)) {
                long now = System.nanoTime();
                waitingSince = waitingSince == 0 ? now : waitingSince;
                if (now - waitingSince < MAX_WAIT_NANOS) {
                    try {
                        wait(100); // woken when another stream takes a batch or closes; the flag checked each time round
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("load stopped");
                    }
                    if (cancelled.getAsBoolean()) {
                        throw new IOException("load stopped");
                    }
                    continue;
                }
            }
            step();
        }
        VectorSchemaRoot batch = table.ready.poll();
        notifyAll();
        if (batch == null) {
            into.setRowCount(0);
            return false;
        }
        try {
            List<FieldVector> from = batch.getFieldVectors();
            List<FieldVector> to = into.getFieldVectors();
            for (int i = 0; i < from.size(); i++) {
                from.get(i).makeTransferPair(to.get(i)).transfer();
            }
            into.setRowCount(batch.getRowCount());
        } finally {
            batch.close();
        }
        return true;
    }

    /** Runs the generator for a step and queues what it made as one batch per table still being read. */
    private void step() {
        for (TableBatches table : fed) {
            table.begin();
        }
        int count = 0;
        while (count < STEP_ROWS && rows.hasNext()) {
            List<TableRow> generated = rows.next();
            if (parent != null && parent.building != null) {
                parent.add(generated.get(0));
            }
            // rows after the first are the sale's returns, when it has any
            if (child != null && child.building != null) {
                for (int i = 1; i < generated.size(); i++) {
                    child.add(generated.get(i));
                }
            }
            count++;
        }
        exhausted = !rows.hasNext();
        for (TableBatches table : fed) {
            table.seal();
        }
        progress.advance(count);
    }

    /** A stream's end: its table gets no more batches (a stream that failed stops costing memory) and its queue is freed. */
    private synchronized void closed(TableBatches table) {
        table.closed = true;
        table.clear();
        notifyAll();
    }

    /** Whether another stream still being read has {@link #MAX_READY} batches waiting. */
    private boolean othersBehind(TableBatches table) {
        for (TableBatches other : fed) {
            if (other != table && !other.closed && other.ready.size() >= MAX_READY) {
                return true;
            }
        }
        return false;
    }

    /** One table's batches: the one being built during a step, and those waiting for DuckDB to ask for them. */
    private final class TableBatches implements TpcdsTypedRows.Sink {
        final Schema schema;
        /** The fact tables' typed reader; empty: the row's text is parsed. */
        final Optional<TpcdsTypedRows.Reader> typed;
        final ColumnType.Base[] kinds;
        final int[] scales;
        final int initialRows;
        final ArrayDeque<VectorSchemaRoot> ready = new ArrayDeque<>();
        VectorSchemaRoot building;
        FieldVector[] vectors;
        int count;
        boolean closed;

        TableBatches(Table table, int initialRows) {
            this.initialRows = initialRows;
            Column[] columns = table.getColumns();
            this.kinds = new ColumnType.Base[columns.length];
            this.scales = new int[columns.length];
            List<Field> fields = new ArrayList<>();
            for (int i = 0; i < columns.length; i++) {
                ColumnType type = columns[i].getType();
                kinds[i] = type.getBase();
                scales[i] = type.getScale().orElse(0);
                fields.add(Field.nullable(columns[i].getName(), arrowType(type)));
            }
            this.schema = new Schema(fields);
            this.typed = TpcdsTypedRows.reader(table);
        }

        void begin() {
            if (closed) {
                return;
            }
            building = VectorSchemaRoot.create(schema, allocator);
            for (FieldVector vector : building.getFieldVectors()) {
                vector.setInitialCapacity(initialRows);
                vector.allocateNew();
            }
            vectors = building.getFieldVectors().toArray(new FieldVector[0]);
            count = 0;
        }

        void add(TableRow row) {
            if (typed.isPresent()) {
                typed.get().read(row, this);
                count++;
            } else {
                add(row.getValues());
            }
        }

        @Override
        public void setNull(int column) {
            vectors[column].setNull(count);
        }

        @Override
        public void setLong(int column, long value) {
            ((BigIntVector) vectors[column]).setSafe(count, value);
        }

        @Override
        public void setInt(int column, int value) {
            ((IntVector) vectors[column]).setSafe(count, value);
        }

        @Override
        public void setDecimal(int column, long unscaled) {
            ((DecimalVector) vectors[column]).setSafe(count, unscaled);
        }

        private void add(List<String> values) {
            for (int i = 0; i < kinds.length; i++) {
                String text = values.get(i);
                FieldVector vector = vectors[i];
                // the generator writes NULL as its session's null string, which is empty
                if (text == null || text.isEmpty()) {
                    vector.setNull(count);
                    continue;
                }
                switch (kinds[i]) {
                    case IDENTIFIER -> ((BigIntVector) vector).setSafe(count, Long.parseLong(text));
                    case INTEGER -> ((IntVector) vector).setSafe(count, Integer.parseInt(text));
                    case DECIMAL -> ((DecimalVector) vector).setSafe(count, TpcdsGeneration.unscaled(text, scales[i]));
                    case DATE -> ((DateDayVector) vector).setSafe(count, TpcdsGeneration.epochDays(text));
                    case CHAR, VARCHAR, TIME -> ((VarCharVector) vector).setSafe(count, text.getBytes(StandardCharsets.UTF_8));
                }
            }
            count++;
        }

        void seal() {
            if (building == null) {
                return;
            }
            if (count > 0) {
                building.setRowCount(count);
                ready.add(building);
            } else {
                building.close();
            }
            building = null;
            vectors = null;
        }

        void clear() {
            if (building != null) {
                building.close();
                building = null;
            }
            ready.forEach(VectorSchemaRoot::close);
            ready.clear();
        }
    }

    /** The Arrow type DuckDB reads into the column's SQL type ({@code TpcdsSchema.sqlType}); a TIME is read from its text. */
    private static ArrowType arrowType(ColumnType type) {
        return switch (type.getBase()) {
            case IDENTIFIER -> new ArrowType.Int(64, true);
            case INTEGER -> new ArrowType.Int(32, true);
            case DECIMAL -> new ArrowType.Decimal(type.getPrecision().orElseThrow(), type.getScale().orElseThrow(), 128);
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case CHAR, VARCHAR, TIME -> new ArrowType.Utf8();
        };
    }

    /** One table's batches as DuckDB scans them. */
    private final class Stream extends ArrowReader {
        private final TableBatches table;

        Stream(TableBatches table) {
            super(TpcdsArrowPart.this.allocator);
            this.table = table;
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            ensureInitialized();
            return next(table, getVectorSchemaRoot());
        }

        @Override
        public long bytesRead() {
            return 0; // generated, not read
        }

        @Override
        protected void closeReadSource() {
            closed(table);
        }

        @Override
        protected Schema readSchema() {
            return schema();
        }

        private Schema schema() {
            return table.schema;
        }
    }
}
