package dev.benchbox.dataset;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;

/**
 * A {@link DataSet} given as values: what a benchmark definition hands to the platforms.
 *
 * @param name    the benchmark's name
 * @param title   its name for people
 * @param tables  every table, in load order
 * @param columns a table's columns with SQL types
 * @param parser  reads {@code --tables} (all tables for null or blank), a one-line error naming a table it does not know
 * @param generator what makes the rows
 * @param rowCounts what each table holds at a scale
 */
public record DataSetDefinition(String name, String title, List<String> tables, Function<String, List<Column>> columns,
        Function<String, List<String>> parser, Generator generator, RowCounts rowCounts) implements DataSet {
    public DataSetDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(title, "title is null");
        tables = List.copyOf(tables);
        requireNonNull(columns, "columns is null");
        requireNonNull(parser, "parser is null");
        requireNonNull(generator, "generator is null");
        requireNonNull(rowCounts, "rowCounts is null");
    }

    @Override
    public List<Column> columns(String table) {
        return columns.apply(table);
    }

    @Override
    public List<String> parseTables(String text) {
        return parser.apply(text);
    }
}
