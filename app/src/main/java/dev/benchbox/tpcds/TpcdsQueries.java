package dev.benchbox.tpcds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The 99 TPC-DS queries as the specification defines them for qualification, shipped as
 * {@code /tpcds/queries/q*.sql} (origin, licence and the few name changes: {@code /tpcds/README.md}).
 */
public final class TpcdsQueries {
    public static final int COUNT = 99;
    /** Queries whose template holds two statements (specification: "queries 14, 23, 24, 39"). */
    public static final Set<Integer> TWO_PARTS = Set.of(14, 23, 24, 39);

    private TpcdsQueries() {
    }

    /** The statements of one query: one, or parts a and b in that order. */
    public static List<TpcdsQuery> query(int number) {
        if (number < 1 || number > COUNT) {
            throw new IllegalArgumentException("unknown TPC-DS query '" + number + "': expected numbers 1-99");
        }
        if (TWO_PARTS.contains(number)) {
            return List.of(new TpcdsQuery(number, "a", read(number + "a")),
                    new TpcdsQuery(number, "b", read(number + "b")));
        }
        return List.of(new TpcdsQuery(number, "", read(Integer.toString(number))));
    }

    /** Every statement of the given queries, in the order given. */
    public static List<TpcdsQuery> statements(List<Integer> numbers) {
        List<TpcdsQuery> statements = new ArrayList<>();
        for (int number : numbers) {
            statements.addAll(query(number));
        }
        return statements;
    }

    /** Query numbers 1 to 99. */
    public static List<Integer> all() {
        List<Integer> numbers = new ArrayList<>(COUNT);
        for (int i = 1; i <= COUNT; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    private static String read(String name) {
        String resource = "/tpcds/queries/q" + name + ".sql";
        try (InputStream in = TpcdsQueries.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return sql.endsWith(";") ? sql.substring(0, sql.length() - 1).strip() : sql;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }
}
