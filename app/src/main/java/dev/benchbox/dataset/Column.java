package dev.benchbox.dataset;

import static java.util.Objects.requireNonNull;

/**
 * One column of a table or of a query result.
 *
 * @param name the column name as the engine reports it
 * @param type the engine's type name (e.g. {@code DECIMAL(15,2)}, {@code VARCHAR}, {@code DATE})
 */
public record Column(String name, String type) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
