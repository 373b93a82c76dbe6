package dev.benchbox.bench.sweep;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.SweepDimensions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code --sweep NAME=V1,V2 [--sweep NAME=...]} asks for: dimensions in the order given, each with its values.
 * The configurations are every combination, the first dimension changing slowest.
 */
public record SweepSpec(List<Dimension> dimensions) {
    /** The most configurations one sweep runs: each is a whole benchmark run (and on EMR, billed). */
    public static final int MAX_CONFIGURATIONS = 64;

    /** One dimension and its values, in order. */
    public record Dimension(String name, List<String> values) {
        public Dimension {
            requireNonNull(name, "name is null");
            values = List.copyOf(values);
        }
    }

    public SweepSpec {
        dimensions = List.copyOf(dimensions);
        if (dimensions.isEmpty()) {
            throw new BenchboxException("--sweep needs NAME=VALUE[,VALUE...], e.g. --sweep executors=8x4vCPU-16GB,4x8vCPU-32GB");
        }
        long combinations = 1;
        for (Dimension dimension : dimensions) {
            combinations *= dimension.values().size();
            if (combinations > MAX_CONFIGURATIONS) {
                break;
            }
        }
        if (combinations > MAX_CONFIGURATIONS) {
            throw new BenchboxException("--sweep makes " + count(dimensions) + " configurations: at most " + MAX_CONFIGURATIONS
                    + " in one sweep (each is a whole benchmark run)");
        }
    }

    /**
     * Reads the {@code --sweep} values as typed, checking their form only (no platform needed). A part without
     * {@code =} continues the values of the part before it, so {@code executors=a,b} reads the same whether the shell
     * kept it whole or split it at the comma.
     */
    public static SweepSpec parse(List<String> typed) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, String> asTyped = new LinkedHashMap<>();
        String current = null;
        for (String part : typed) {
            String text = part == null ? "" : part.trim();
            int eq = text.indexOf('=');
            String valueList;
            if (eq < 0) {
                if (current == null) {
                    throw new BenchboxException("invalid --sweep '" + text + "': expected NAME=VALUE[,VALUE...], "
                            + "e.g. executors=8x4vCPU-16GB,4x8vCPU-32GB");
                }
                valueList = text;
            } else {
                String name = text.substring(0, eq).trim();
                if (name.isEmpty()) {
                    throw new BenchboxException("invalid --sweep '" + text + "': the dimension's name is missing before '='");
                }
                if (values.containsKey(name)) {
                    throw new BenchboxException("--sweep " + name + " is given twice: list all its values in one --sweep "
                            + name + "=V1,V2");
                }
                current = name;
                asTyped.put(name, text);
                values.put(name, new ArrayList<>());
                valueList = text.substring(eq + 1);
            }
            for (String value : valueList.split(",", -1)) {
                String v = value.trim();
                if (v.isEmpty()) {
                    throw new BenchboxException("invalid --sweep '" + asTyped.get(current) + (eq < 0 ? "," + text : "")
                            + "': a value is empty");
                }
                if (values.get(current).contains(v)) {
                    throw new BenchboxException("--sweep " + current + " lists " + v + " twice");
                }
                values.get(current).add(v);
            }
        }
        List<Dimension> dimensions = new ArrayList<>();
        values.forEach((name, list) -> dimensions.add(new Dimension(name, list)));
        return new SweepSpec(dimensions);
    }

    /**
     * The same sweep in a platform's terms: canonical dimension names and checked values (one-line errors naming the
     * bad one; nothing is sent anywhere).
     */
    public SweepSpec checkedBy(SweepDimensions platform) {
        List<Dimension> checked = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Dimension dimension : dimensions) {
            String name = platform.canonical(dimension.name());
            if (!names.add(name)) {
                throw new BenchboxException("--sweep " + name + " is given twice (as " + dimension.name()
                        + "): list all its values in one --sweep");
            }
            List<String> values = new ArrayList<>();
            for (String value : dimension.values()) {
                String v = platform.check(name, value);
                if (values.contains(v)) {
                    throw new BenchboxException("--sweep " + name + " lists " + v + " twice");
                }
                values.add(v);
            }
            checked.add(new Dimension(name, values));
        }
        return new SweepSpec(checked);
    }

    /** Every combination, the first dimension changing slowest; each maps dimension names to values in order. */
    public List<Map<String, String>> combinations() {
        List<Map<String, String>> all = new ArrayList<>();
        all.add(new LinkedHashMap<>());
        for (Dimension dimension : dimensions) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : all) {
                for (String value : dimension.values()) {
                    Map<String, String> combination = new LinkedHashMap<>(partial);
                    combination.put(dimension.name(), value);
                    next.add(combination);
                }
            }
            all = next;
        }
        return all.stream().map(m -> (Map<String, String>) java.util.Collections.unmodifiableMap(m)).toList();
    }

    private static String count(List<Dimension> dimensions) {
        java.math.BigInteger n = java.math.BigInteger.ONE;
        for (Dimension d : dimensions) {
            n = n.multiply(java.math.BigInteger.valueOf(d.values().size()));
        }
        return n.toString();
    }
}
