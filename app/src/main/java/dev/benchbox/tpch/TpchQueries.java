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
 * The 22 TPC-H queries, read from the resources {@code /tpch/queries/q1.sql} … {@code q22.sql}.
 *
 * <p>The texts carry the specification's validation parameters (TPC-H §2.4), so their answers can be compared
 * with the reference answers; they are written in the SQL subset that both DuckDB and Spark SQL 3.5 accept
 * (literal dates, {@code limit n}, Q15 as a common table expression, no trailing semicolon).
 */
public final class TpchQueries {
    /** How many queries TPC-H defines. */
    public static final int COUNT = 22;

    private static final String RESOURCE_DIRECTORY = "/tpch/queries/";

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

    private static IllegalArgumentException unknown(String value) {
        return new IllegalArgumentException("unknown TPC-H query '" + value + "': expected numbers 1-22");
    }

    /** Reads the texts once, on first use, so that a missing resource fails loudly rather than mid-run. */
    private static final class Holder {
        static final List<TpchQuery> QUERIES = load();

        private static List<TpchQuery> load() {
            List<TpchQuery> queries = new ArrayList<>(COUNT);
            for (int n = 1; n <= COUNT; n++) {
                queries.add(new TpchQuery(n, read(RESOURCE_DIRECTORY + "q" + n + ".sql").strip()));
            }
            return List.copyOf(queries);
        }

        private static String read(String resource) {
            try (InputStream in = TpchQueries.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read resource " + resource, e);
            }
        }
    }
}
