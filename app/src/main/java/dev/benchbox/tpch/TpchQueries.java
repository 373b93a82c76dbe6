package dev.benchbox.tpch;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The 22 TPC-H queries, from the templates {@code /tpch/templates/q1.sql} … {@code q22.sql}.
 *
 * <p>{@link #all} and {@link #get} carry the specification's validation parameters (TPC-H §2.4), so their answers
 * can be compared with the reference answers (the qualification run); {@link #stream} carries the parameters qgen
 * draws for a seed, in a stream's order (the performance tests). The texts are in the SQL subset that both DuckDB
 * and Spark SQL 3.5 accept (literal dates, {@code limit n}, Q15 as a common table expression, substring with commas,
 * no trailing semicolon).
 */
public final class TpchQueries {
    /** How many queries TPC-H defines. */
    public static final int COUNT = 22;


    private TpchQueries() {
    }

    /** All 22 queries, in number order. */
    public static List<TpchQuery> all() {
        return Holder.QUERIES;
    }

    /**
     * The query with the given number.
     *
     * @throws IllegalArgumentException if {@code number} is not 1-22
     */
    public static TpchQuery get(int number) {
        if (number < 1 || number > COUNT) {
            throw unknown(Integer.toString(number));
        }
        return Holder.QUERIES.get(number - 1);
    }

    /**
     * Stream {@code stream}'s 22 queries (0: the power test's) in Appendix A's order, with the parameters the TPC's
     * {@code qgen -r SEED -p STREAM -s SF} substitutes.
     */
    public static List<TpchQuery> stream(Qgen qgen, int stream) {
        return Qgen.streamOrder(stream).stream()
                .map(n -> new TpchQuery(n, TpchTemplates.render(n, qgen.parameters(n))))
                .toList();
    }

    private static IllegalArgumentException unknown(String value) {
        return new IllegalArgumentException("unknown TPC-H query '" + value + "': expected numbers 1-22");
    }

    /** Renders the texts once, on first use, so that a missing template fails loudly rather than mid-run. */
    private static final class Holder {
        static final List<TpchQuery> QUERIES = load();

        private static List<TpchQuery> load() {
            List<TpchQuery> queries = new ArrayList<>(COUNT);
            for (int n = 1; n <= COUNT; n++) {
                queries.add(new TpchQuery(n, TpchTemplates.render(n, TpchTemplates.VALIDATION.get(n - 1))));
            }
            return List.copyOf(queries);
        }
    }
}
