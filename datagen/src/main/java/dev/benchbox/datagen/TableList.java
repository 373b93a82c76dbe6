package dev.benchbox.datagen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A {@code --tables} value: comma-separated table names of one benchmark, read the same way for every benchmark. */
public final class TableList {
    private TableList() {
    }

    /**
     * The named tables in the order given, lower case, each once; all of {@code tables} when {@code spec} is
     * null or blank.
     *
     * @param title the benchmark's title for the message, e.g. {@code TPC-H}
     * @throws IllegalArgumentException in one line, naming an unknown table (and the known ones), or when the
     *                                  value names no table at all
     */
    public static List<String> parse(String spec, List<String> tables, String title) {
        if (spec == null || spec.isBlank()) {
            return tables;
        }
        List<String> selected = new ArrayList<>();
        for (String part : spec.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!tables.contains(name)) {
                throw new IllegalArgumentException("unknown " + title + " table '" + name + "': expected one of "
                        + String.join(", ", tables));
            }
            if (!selected.contains(name)) {
                selected.add(name);
            }
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no table named in '" + spec + "'");
        }
        return List.copyOf(selected);
    }
}
