package dev.benchbox.job;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * TPC-H through io.trino.tpch, split as dbgen's {@code -C/-S} ({@code createGenerator(scale, part, partCount)}).
 * Money is the generator's double rounded to cents, exactly as the shell's local loader appends it, so a table
 * generated here equals one generated on the user's machine.
 */
final class TpchGenerator implements Generators.Generator {

    @Override
    public void check(String table, List<GenerationManifest.Column> columns) {
        resolve(table, columns);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public long generate(String table, double scale, int part, int parts, List<GenerationManifest.Column> columns,
                         Generators.RowSink sink) throws IOException {
        List<TpchColumn> resolved = resolve(table, columns);
        TpchTable tpchTable = TpchTable.getTable(table);
        int width = resolved.size();
        Object[] values = new Object[width];
        long rows = 0;
        for (Object row : (Iterable<Object>) tpchTable.createGenerator(scale, part, parts)) {
            TpchEntity entity = (TpchEntity) row;
            for (int i = 0; i < width; i++) {
                TpchColumn column = resolved.get(i);
                values[i] = switch (column.getType().getBase()) {
                    case IDENTIFIER -> column.getIdentifier(entity);
                    case INTEGER -> column.getInteger(entity);
                    case DATE -> column.getDate(entity);
                    case DOUBLE -> Math.round(column.getDouble(entity) * 100);
                    case VARCHAR -> column.getString(entity);
                };
            }
            sink.row(values);
            rows++;
        }
        return rows;
    }

    /** The generator's columns in the manifest's order; every declared column must exist with a fitting type. */
    @SuppressWarnings("rawtypes")
    private static List<TpchColumn> resolve(String table, List<GenerationManifest.Column> columns) {
        TpchTable<?> tpchTable;
        try {
            tpchTable = TpchTable.getTable(table);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no TPC-H table " + table);
        }
        List<TpchColumn> resolved = new ArrayList<>();
        for (GenerationManifest.Column declared : columns) {
            TpchColumn<?> column = tpchTable.getColumns().stream()
                    .filter(c -> c.getColumnName().equals(declared.name()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("TPC-H table " + table + " has no column " + declared.name()));
            boolean fits = switch (column.getType().getBase()) {
                case IDENTIFIER -> declared.kind() == GenerationManifest.Kind.BIGINT;
                case INTEGER -> declared.kind() == GenerationManifest.Kind.INT;
                case DATE -> declared.kind() == GenerationManifest.Kind.DATE;
                case DOUBLE -> declared.kind() == GenerationManifest.Kind.DECIMAL && declared.scale() == 2;
                case VARCHAR -> declared.kind() == GenerationManifest.Kind.STRING;
            };
            if (!fits) {
                throw new IllegalArgumentException(table + "." + declared.name() + ": declared " + declared.type()
                        + " does not fit the generator's " + column.getType().getBase());
            }
            resolved.add(column);
        }
        return resolved;
    }
}
