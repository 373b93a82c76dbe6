package dev.benchbox.platform;

import dev.benchbox.dataset.Scale;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one rule for "which scale is loaded": every table of a benchmark records the scale it was generated at (a
 * DuckDB table comment, a Glue table parameter), and a schema holds that scale only when all of them record the same
 * one. A missing table, an unrecorded or unreadable scale, or two scales mixed (a partial reload) is no scale.
 */
public final class LoadedScale {
    private LoadedScale() {
    }

    /** @param recorded the scale text a table records, empty when the table is missing or records none */
    public static Optional<Scale> agreedBy(List<String> tables, Function<String, Optional<String>> recorded) {
        Double scale = null;
        for (String table : tables) {
            Optional<String> text = recorded.apply(table);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            double tableScale;
            try {
                tableScale = Double.parseDouble(text.get().strip());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (scale != null && scale != tableScale) {
                return Optional.empty();
            }
            scale = tableScale;
        }
        // a recorded scale no load could have written (zero, negative) is no scale either
        return Optional.ofNullable(scale).filter(sf -> Double.isFinite(sf) && sf > 0).map(Scale::of);
    }
}
