package dev.benchbox.tpch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 22 query templates ({@code /tpch/templates/qN.sql}, placeholders {@code {{name}}}, leading {@code --} lines
 * documenting the query and left out of its text) and how qgen's parameters fill them. The templates are written in the SQL that both DuckDB and Spark SQL 3.5 accept, so where the TPC's
 * templates compute a date ({@code date ':1' + interval '3' month}) the placeholder holds the computed date; the
 * parameters themselves are qgen's ({@link Qgen#parameters}) or the validation ones ({@link #VALIDATION}).
 */
final class TpchTemplates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z0-9_]+)}}");

    /**
     * TPC-H §2.4's validation parameters, in qgen's order ({@code qgen -d}), Q11's fraction at its SF 1 value at every
     * scale, as the reference answers for SF 0.01 were made.
     */
    static final List<List<String>> VALIDATION = List.of(
            List.of("90"),
            List.of("15", "BRASS", "EUROPE"),
            List.of("BUILDING", "1995-03-15"),
            List.of("1993-07-01"),
            List.of("ASIA", "1994-01-01"),
            List.of("1994-01-01", "0.06", "24"),
            List.of("FRANCE", "GERMANY"),
            List.of("BRAZIL", "AMERICA", "ECONOMY ANODIZED STEEL"),
            List.of("green"),
            List.of("1993-10-01"),
            List.of("GERMANY", "0.0001"),
            List.of("MAIL", "SHIP", "1994-01-01"),
            List.of("special", "requests"),
            List.of("1995-09-01"),
            List.of("1996-01-01"),
            List.of("Brand#45", "MEDIUM POLISHED", "49", "14", "23", "45", "19", "3", "36", "9"),
            List.of("Brand#23", "MED BOX"),
            List.of("300"),
            List.of("Brand#12", "Brand#23", "Brand#34", "1", "10", "20"),
            List.of("forest", "1994-01-01", "CANADA"),
            List.of("SAUDI ARABIA"),
            List.of("13", "31", "23", "29", "30", "18", "17"));

    private static final List<String> TEMPLATES = load();

    private TpchTemplates() {
    }

    /** Query {@code query}'s text with {@code parameters} (qgen's list for that query) substituted. */
    static String render(int query, List<String> parameters) {
        Map<String, String> values = values(query, parameters);
        Matcher matcher = PLACEHOLDER.matcher(TEMPLATES.get(query - 1));
        StringBuilder text = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("Q" + query + " has no value for {{" + matcher.group(1) + "}}");
            }
            matcher.appendReplacement(text, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(text);
        return text.toString().strip();
    }

    private static Map<String, String> values(int query, List<String> p) {
        Map<String, String> v = new HashMap<>();
        switch (query) {
            case 1 -> v.put("ship_before", LocalDate.of(1998, 12, 1).minusDays(Long.parseLong(p.get(0))).toString());
            case 2 -> {
                v.put("size", p.get(0));
                v.put("type", p.get(1));
                v.put("region", p.get(2));
            }
            case 3 -> {
                v.put("segment", p.get(0));
                v.put("date", p.get(1));
            }
            case 4, 10, 15 -> dates(v, p.get(0), 0, 3);
            case 5 -> {
                v.put("region", p.get(0));
                dates(v, p.get(1), 1, 0);
            }
            case 6 -> {
                dates(v, p.get(0), 1, 0);
                BigDecimal discount = new BigDecimal(p.get(1));
                v.put("discount_low", discount.subtract(new BigDecimal("0.01")).toPlainString());
                v.put("discount_high", discount.add(new BigDecimal("0.01")).toPlainString());
                v.put("quantity", p.get(2));
            }
            case 7 -> {
                v.put("nation1", p.get(0));
                v.put("nation2", p.get(1));
            }
            case 8 -> {
                v.put("nation", p.get(0));
                v.put("region", p.get(1));
                v.put("type", p.get(2));
            }
            case 9 -> v.put("color", p.get(0));
            case 11 -> {
                v.put("nation", p.get(0));
                v.put("fraction", p.get(1));
            }
            case 12 -> {
                v.put("shipmode1", p.get(0));
                v.put("shipmode2", p.get(1));
                dates(v, p.get(2), 1, 0);
            }
            case 13 -> {
                v.put("word1", p.get(0));
                v.put("word2", p.get(1));
            }
            case 14 -> dates(v, p.get(0), 0, 1);
            case 16 -> {
                v.put("brand", p.get(0));
                v.put("type", p.get(1));
                for (int i = 1; i <= 8; i++) {
                    v.put("size" + i, p.get(i + 1));
                }
            }
            case 17 -> {
                v.put("brand", p.get(0));
                v.put("container", p.get(1));
            }
            case 18 -> v.put("quantity", p.get(0));
            case 19 -> {
                for (int i = 1; i <= 3; i++) {
                    v.put("brand" + i, p.get(i - 1));
                    long quantity = Long.parseLong(p.get(i + 2));
                    v.put("quantity" + i, Long.toString(quantity));
                    v.put("quantity" + i + "_plus_10", Long.toString(quantity + 10));
                }
            }
            case 20 -> {
                v.put("color", p.get(0));
                dates(v, p.get(1), 1, 0);
                v.put("nation", p.get(2));
            }
            case 21 -> v.put("nation", p.get(0));
            case 22 -> {
                for (int i = 1; i <= 7; i++) {
                    v.put("i" + i, p.get(i - 1));
                }
            }
            default -> throw new IllegalArgumentException("TPC-H query number must be 1-22, got " + query);
        }
        return v;
    }

    /** {@code date} and the end of its interval (a year, a quarter or a month later), as the TPC's templates add. */
    private static void dates(Map<String, String> v, String date, int years, int months) {
        LocalDate start = LocalDate.parse(date);
        v.put("date", date);
        if (years > 0) {
            v.put("date_plus_1_year", start.plusYears(years).toString());
        } else {
            v.put(months == 1 ? "date_plus_1_month" : "date_plus_" + months + "_months", start.plusMonths(months).toString());
        }
    }

    private static List<String> load() {
        String[] texts = new String[TpchQueries.COUNT];
        for (int n = 1; n <= TpchQueries.COUNT; n++) {
            String resource = "/tpch/templates/q" + n + ".sql";
            try (InputStream in = TpchTemplates.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                texts[n - 1] = text.lines().dropWhile(line -> line.startsWith("--"))
                        .collect(java.util.stream.Collectors.joining("\n"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read resource " + resource, e);
            }
        }
        return List.of(texts);
    }
}
