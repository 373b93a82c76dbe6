package dev.benchbox.tpch;

import dev.benchbox.tpch.QgenDistributions.Distribution;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The substitution parameters of the TPC's {@code qgen -r SEED -s SF} (TPC-H §2.4), drawn as the C program draws
 * them: one random stream per query, each seeded from the run's seed, so a query's parameters depend on the seed
 * (and Q11's on the scale) and not on the stream or on the other queries. {@link #parameters} gives what qgen's
 * {@code -l} log records; the stream orders of Appendix A are {@link #streamOrder}.
 *
 * <p>Where the C program departs from the specification it is followed, so that runs are comparable with the TPC's
 * tools: Q22's country codes are drawn from 20–44 (10 plus a permutation of 10–34), not 10–34.
 */
public final class Qgen {
    /** The largest seed: qgen's generator works modulo 2^31 − 1. */
    public static final long MAX_SEED = 2_147_483_646L;
    private static final long MODULUS = 2_147_483_647L;
    /** Day 0 of qgen's date table (STARTDATE). */
    private static final LocalDate START_DATE = LocalDate.of(1992, 1, 1);

    /** Appendix A: the query order of streams 0 to 40; stream S uses row S mod 41. */
    private static final int[][] PERMUTATION = {
        {14, 2, 9, 20, 6, 17, 18, 8, 21, 13, 3, 22, 16, 4, 11, 15, 1, 10, 19, 5, 7, 12},
        {21, 3, 18, 5, 11, 7, 6, 20, 17, 12, 16, 15, 13, 10, 2, 8, 14, 19, 9, 22, 1, 4},
        {6, 17, 14, 16, 19, 10, 9, 2, 15, 8, 5, 22, 12, 7, 13, 18, 1, 4, 20, 3, 11, 21},
        {8, 5, 4, 6, 17, 7, 1, 18, 22, 14, 9, 10, 15, 11, 20, 2, 21, 19, 13, 16, 12, 3},
        {5, 21, 14, 19, 15, 17, 12, 6, 4, 9, 8, 16, 11, 2, 10, 18, 1, 13, 7, 22, 3, 20},
        {21, 15, 4, 6, 7, 16, 19, 18, 14, 22, 11, 13, 3, 1, 2, 5, 8, 20, 12, 17, 10, 9},
        {10, 3, 15, 13, 6, 8, 9, 7, 4, 11, 22, 18, 12, 1, 5, 16, 2, 14, 19, 20, 17, 21},
        {18, 8, 20, 21, 2, 4, 22, 17, 1, 11, 9, 19, 3, 13, 5, 7, 10, 16, 6, 14, 15, 12},
        {19, 1, 15, 17, 5, 8, 9, 12, 14, 7, 4, 3, 20, 16, 6, 22, 10, 13, 2, 21, 18, 11},
        {8, 13, 2, 20, 17, 3, 6, 21, 18, 11, 19, 10, 15, 4, 22, 1, 7, 12, 9, 14, 5, 16},
        {6, 15, 18, 17, 12, 1, 7, 2, 22, 13, 21, 10, 14, 9, 3, 16, 20, 19, 11, 4, 8, 5},
        {15, 14, 18, 17, 10, 20, 16, 11, 1, 8, 4, 22, 5, 12, 3, 9, 21, 2, 13, 6, 19, 7},
        {1, 7, 16, 17, 18, 22, 12, 6, 8, 9, 11, 4, 2, 5, 20, 21, 13, 10, 19, 3, 14, 15},
        {21, 17, 7, 3, 1, 10, 12, 22, 9, 16, 6, 11, 2, 4, 5, 14, 8, 20, 13, 18, 15, 19},
        {2, 9, 5, 4, 18, 1, 20, 15, 16, 17, 7, 21, 13, 14, 19, 8, 22, 11, 10, 3, 12, 6},
        {16, 9, 17, 8, 14, 11, 10, 12, 6, 21, 7, 3, 15, 5, 22, 20, 1, 13, 19, 2, 4, 18},
        {1, 3, 6, 5, 2, 16, 14, 22, 17, 20, 4, 9, 10, 11, 15, 8, 12, 19, 18, 13, 7, 21},
        {3, 16, 5, 11, 21, 9, 2, 15, 10, 18, 17, 7, 8, 19, 14, 13, 1, 4, 22, 20, 6, 12},
        {14, 4, 13, 5, 21, 11, 8, 6, 3, 17, 2, 20, 1, 19, 10, 9, 12, 18, 15, 7, 22, 16},
        {4, 12, 22, 14, 5, 15, 16, 2, 8, 10, 17, 9, 21, 7, 3, 6, 13, 18, 11, 20, 19, 1},
        {16, 15, 14, 13, 4, 22, 18, 19, 7, 1, 12, 17, 5, 10, 20, 3, 9, 21, 11, 2, 6, 8},
        {20, 14, 21, 12, 15, 17, 4, 19, 13, 10, 11, 1, 16, 5, 18, 7, 8, 22, 9, 6, 3, 2},
        {16, 14, 13, 2, 21, 10, 11, 4, 1, 22, 18, 12, 19, 5, 7, 8, 6, 3, 15, 20, 9, 17},
        {18, 15, 9, 14, 12, 2, 8, 11, 22, 21, 16, 1, 6, 17, 5, 10, 19, 4, 20, 13, 3, 7},
        {7, 3, 10, 14, 13, 21, 18, 6, 20, 4, 9, 8, 22, 15, 2, 1, 5, 12, 19, 17, 11, 16},
        {18, 1, 13, 7, 16, 10, 14, 2, 19, 5, 21, 11, 22, 15, 8, 17, 20, 3, 4, 12, 6, 9},
        {13, 2, 22, 5, 11, 21, 20, 14, 7, 10, 4, 9, 19, 18, 6, 3, 1, 8, 15, 12, 17, 16},
        {14, 17, 21, 8, 2, 9, 6, 4, 5, 13, 22, 7, 15, 3, 1, 18, 16, 11, 10, 12, 20, 19},
        {10, 22, 1, 12, 13, 18, 21, 20, 2, 14, 16, 7, 15, 3, 4, 17, 5, 19, 6, 8, 9, 11},
        {10, 8, 9, 18, 12, 6, 1, 5, 20, 11, 17, 22, 16, 3, 13, 2, 15, 21, 14, 19, 7, 4},
        {7, 17, 22, 5, 3, 10, 13, 18, 9, 1, 14, 15, 21, 19, 16, 12, 8, 6, 11, 20, 4, 2},
        {2, 9, 21, 3, 4, 7, 1, 11, 16, 5, 20, 19, 18, 8, 17, 13, 10, 12, 15, 6, 14, 22},
        {15, 12, 8, 4, 22, 13, 16, 17, 18, 3, 7, 5, 6, 1, 9, 11, 21, 10, 14, 20, 19, 2},
        {15, 16, 2, 11, 17, 7, 5, 14, 20, 4, 21, 3, 10, 9, 12, 8, 13, 6, 18, 19, 22, 1},
        {1, 13, 11, 3, 4, 21, 6, 14, 15, 22, 18, 9, 7, 5, 10, 20, 12, 16, 17, 8, 19, 2},
        {14, 17, 22, 20, 8, 16, 5, 10, 1, 13, 2, 21, 12, 9, 4, 18, 3, 7, 6, 19, 15, 11},
        {9, 17, 7, 4, 5, 13, 21, 18, 11, 3, 22, 1, 6, 16, 20, 14, 15, 10, 8, 2, 12, 19},
        {13, 14, 5, 22, 19, 11, 9, 6, 18, 15, 8, 10, 7, 4, 17, 16, 3, 1, 12, 2, 21, 20},
        {20, 5, 4, 14, 11, 1, 6, 16, 8, 22, 7, 3, 2, 12, 21, 19, 17, 13, 10, 15, 18, 9},
        {3, 7, 14, 15, 6, 5, 21, 20, 18, 10, 4, 16, 19, 1, 13, 9, 8, 17, 11, 12, 22, 2},
        {13, 15, 17, 1, 22, 11, 3, 4, 7, 20, 14, 21, 9, 8, 2, 18, 16, 6, 10, 12, 5, 19},
    };

    private final long seed;
    private final double scaleFactor;

    /**
     * @param seed        qgen's {@code -r}, 1 to {@link #MAX_SEED}
     * @param scaleFactor qgen's {@code -s} (only Q11's fraction depends on it)
     */
    public Qgen(long seed, double scaleFactor) {
        if (seed < 1 || seed > MAX_SEED) {
            throw new IllegalArgumentException("seed must be 1 to " + MAX_SEED + ", got " + seed);
        }
        if (!(scaleFactor > 0)) {
            throw new IllegalArgumentException("scale factor must be positive, got " + scaleFactor);
        }
        this.seed = seed;
        this.scaleFactor = scaleFactor;
    }

    public long seed() {
        return seed;
    }

    /** The order in which stream {@code stream} (0 for the power test) runs the 22 queries. */
    public static List<Integer> streamOrder(int stream) {
        if (stream < 0) {
            throw new IllegalArgumentException("stream must be 0 or more, got " + stream);
        }
        return java.util.Arrays.stream(PERMUTATION[stream % PERMUTATION.length]).boxed().toList();
    }

    /** Query {@code query}'s parameters as qgen's {@code -l} log lists them (its varsub's param[1..]). */
    public List<String> parameters(int query) {
        if (query < 1 || query > TpchQueries.COUNT) {
            throw new IllegalArgumentException("TPC-H query number must be 1-22, got " + query);
        }
        Stream random = new Stream(querySeed(query));
        List<String> p = new ArrayList<>();
        switch (query) {
            case 1 -> p.add(Long.toString(random.uniform(60, 120)));
            case 2 -> {
                p.add(Long.toString(random.uniform(1, 50)));
                String type = random.pick("p_types");
                p.add(type.substring(type.lastIndexOf(' ') + 1));
                p.add(random.pick("regions"));
            }
            case 3 -> {
                p.add(random.pick("msegmnt"));
                p.add(date(random.uniform(0, 30) + 1155).toString());
            }
            case 4 -> p.add(monthStart(random.uniform(1, 58)));
            case 5 -> {
                p.add(random.pick("regions"));
                p.add(yearStart(random.uniform(93, 97)));
            }
            case 6 -> {
                p.add(yearStart(random.uniform(93, 97)));
                p.add(String.format(Locale.ROOT, "0.%02d", random.uniform(2, 9)));
                p.add(Long.toString(random.uniform(24, 25)));
            }
            case 7 -> {
                int first = random.pickIndex("nations2");
                int second;
                do {
                    second = random.pickIndex("nations2");
                } while (second == first);
                p.add(nation(first));
                p.add(nation(second));
            }
            case 8 -> {
                int nation = random.pickIndex("nations2");
                p.add(nation(nation));
                // The nations list's cumulative weights are each nation's region number (dists.dss says so).
                int region = (int) QgenDistributions.get("nations").cumulativeWeights()[nation];
                p.add(QgenDistributions.get("regions").texts().get(region));
                p.add(random.pick("p_types"));
            }
            case 9 -> p.add(random.pick("colors"));
            case 10 -> p.add(monthStart(random.uniform(1, 24)));
            case 11 -> {
                p.add(random.pick("nations2"));
                p.add(fraction(scaleFactor));
            }
            case 12 -> {
                int first = random.pickIndex("smode");
                int second;
                do {
                    second = random.pickIndex("smode");
                } while (second == first);
                p.add(QgenDistributions.get("smode").texts().get(first));
                p.add(QgenDistributions.get("smode").texts().get(second));
                p.add(yearStart(random.uniform(93, 97)));
            }
            case 13 -> {
                p.add(random.pick("Q13a"));
                p.add(random.pick("Q13b"));
            }
            case 14 -> p.add(monthStart(random.uniform(0, 59)));
            case 15 -> p.add(monthStart(random.uniform(0, 57)));
            case 16 -> {
                p.add(brand(random));
                String type = random.pick("p_types");
                p.add(type.substring(0, type.lastIndexOf(' ')));
                for (long size : random.permutation(1, 50).subList(0, 8)) {
                    p.add(Long.toString(size));
                }
            }
            case 17 -> {
                p.add(brand(random));
                p.add(random.pick("p_cntr"));
            }
            case 18 -> p.add(Long.toString(random.uniform(312, 315)));
            case 19 -> {
                p.add(brand(random));
                p.add(brand(random));
                p.add(brand(random));
                p.add(Long.toString(random.uniform(1, 10)));
                p.add(Long.toString(random.uniform(10, 20)));
                p.add(Long.toString(random.uniform(20, 30)));
            }
            case 20 -> {
                p.add(random.pick("colors"));
                p.add(yearStart(random.uniform(93, 97)));
                p.add(random.pick("nations2"));
            }
            case 21 -> p.add(random.pick("nations2"));
            case 22 -> {
                for (long code : random.permutation(10, 34).subList(0, 7)) {
                    p.add(Long.toString(10 + code));
                }
            }
            default -> throw new AssertionError(query);
        }
        return List.copyOf(p);
    }

    /** Q11's FRACTION as qgen prints it ({@code %11.10f} of 0.0001 / SF). */
    static String fraction(double scaleFactor) {
        return String.format(Locale.ROOT, "%11.10f", 0.0001 / scaleFactor);
    }

    /** qgen seeds query q's stream with the q-th successor of the run's seed. */
    private long querySeed(int query) {
        long value = seed;
        for (int i = 1; i <= query; i++) {
            value = next(value);
        }
        return value;
    }

    private static long next(long value) {
        return (value * 16807) % MODULUS;
    }

    private static LocalDate date(long dayIndex) {
        return START_DATE.plusDays(dayIndex);
    }

    /** {@code 19YY-MM-01} for qgen's month number counted from January 1993 (0 or 1 based as the query's range). */
    private static String monthStart(long month) {
        return String.format(Locale.ROOT, "19%02d-%02d-01", 93 + month / 12, month % 12 + 1);
    }

    private static String yearStart(long year) {
        return String.format(Locale.ROOT, "19%02d-01-01", year);
    }

    private static String nation(int index) {
        return QgenDistributions.get("nations2").texts().get(index);
    }

    private static String brand(Stream random) {
        long manufacturer = random.uniform(1, 5);
        long brand = random.uniform(1, 5);
        return "Brand#" + manufacturer + brand;
    }

    /** One of qgen's random streams: the Lehmer generator of dbgen's rnd.c. */
    private static final class Stream {
        private long value;

        Stream(long value) {
            this.value = value;
        }

        /** UnifInt: low + floor(value / (2^31 − 1) × (high − low + 1)), after advancing. */
        long uniform(long low, long high) {
            value = next(value);
            return low + (long) ((double) value / (double) MODULUS * (double) (high - low + 1));
        }

        /** pick_str: the first entry whose cumulative weight reaches a uniform draw from 1 to the total. */
        int pickIndex(String name) {
            Distribution distribution = QgenDistributions.get(name);
            long draw = uniform(1, distribution.totalWeight());
            int i = 0;
            while (distribution.cumulativeWeights()[i] < draw) {
                i++;
            }
            return i;
        }

        String pick(String name) {
            return QgenDistributions.get(name).texts().get(pickIndex(name));
        }

        /** permute: swaps position i with a draw from i to n − 1, for each i, over low..high in order. */
        List<Long> permutation(long low, long high) {
            int n = (int) (high - low + 1);
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
                values[i] = low + i;
            }
            for (int i = 0; i < n; i++) {
                int source = (int) uniform(i, n - 1);
                long swap = values[source];
                values[source] = values[i];
                values[i] = swap;
            }
            return java.util.Arrays.stream(values).boxed().toList();
        }
    }
}
