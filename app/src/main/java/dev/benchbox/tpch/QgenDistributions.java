package dev.benchbox.tpch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The TPC's value lists ({@code dists.dss}) as qgen reads them: each entry's text with its <em>cumulative</em> weight.
 * The file is the one io.trino.tpch ships (the TPC's own, as dbgen reads it), so the names and weights are not copied
 * here a second time.
 */
final class QgenDistributions {
    private static final String RESOURCE = "/io/trino/tpch/dists.dss";
    private static final Map<String, Distribution> ALL = load();

    private QgenDistributions() {
    }

    /** A named list (any case: the file spells some names in capitals). */
    static Distribution get(String name) {
        Distribution distribution = ALL.get(name.toLowerCase(Locale.ROOT));
        if (distribution == null) {
            throw new IllegalStateException("no distribution '" + name + "' in " + RESOURCE);
        }
        return distribution;
    }

    /** Entries in file order; {@code cumulativeWeights[i]} is the sum of the weights up to and including entry i. */
    record Distribution(List<String> texts, long[] cumulativeWeights) {
        Distribution {
            texts = List.copyOf(texts);
        }

        long totalWeight() {
            return cumulativeWeights[cumulativeWeights.length - 1];
        }
    }

    private static Map<String, Distribution> load() {
        try (InputStream in = QgenDistributions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            Map<String, Distribution> all = new HashMap<>();
            String name = null;
            List<String> texts = new ArrayList<>();
            List<Long> weights = new ArrayList<>();
            long total = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String lower = trimmed.toLowerCase(Locale.ROOT);
                if (lower.startsWith("begin ")) {
                    name = lower.substring(6).strip();
                    texts.clear();
                    weights.clear();
                    total = 0;
                } else if (lower.startsWith("end ")) {
                    long[] cumulative = weights.stream().mapToLong(Long::longValue).toArray();
                    all.put(name, new Distribution(texts, cumulative));
                    name = null;
                } else if (name != null) {
                    int bar = trimmed.lastIndexOf('|');
                    String text = trimmed.substring(0, bar);
                    long weight = Long.parseLong(trimmed.substring(bar + 1).strip());
                    if (text.equalsIgnoreCase("count")) {
                        continue;
                    }
                    total += weight;
                    texts.add(text);
                    weights.add(total);
                }
            }
            return Map.copyOf(all);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
