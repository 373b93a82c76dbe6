package dev.benchbox.platform.duckdb;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.SweepDimensions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** DuckDB varies its own settings: {@code threads} and {@code memory_limit}. Everything runs on one connection. */
public final class DuckDbSweepDimensions implements SweepDimensions {
    public static final String THREADS = "threads";
    public static final String MEMORY_LIMIT = "memory_limit";
    public static final DuckDbSweepDimensions INSTANCE = new DuckDbSweepDimensions();
    // DuckDB's own units (decimal and binary); a bare number is not taken, it would mean bytes
    private static final Pattern MEMORY = Pattern.compile("(?i)[0-9]+(\\.[0-9]+)?\\s*(kb|mb|gb|tb|kib|mib|gib|tib)");

    private DuckDbSweepDimensions() {
    }

    @Override
    public List<String> names() {
        return List.of(THREADS, MEMORY_LIMIT);
    }

    @Override
    public String canonical(String typed) {
        String name = typed.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (names().contains(name)) {
            return name;
        }
        throw new BenchboxException("unknown sweep dimension '" + typed + "' on duckdb: expected " + String.join(" or ", names()));
    }

    @Override
    public String check(String dimension, String value) {
        String v = value.trim();
        if (THREADS.equals(dimension)) {
            if (!v.matches("[0-9]{1,4}") || Integer.parseInt(v) < 1) {
                throw new BenchboxException("invalid threads '" + value + "' in --sweep: expected a whole number from 1 to 9999");
            }
            return Integer.toString(Integer.parseInt(v));
        }
        if (!MEMORY.matcher(v).matches()) {
            throw new BenchboxException("invalid memory_limit '" + value + "' in --sweep: expected a size such as 512MB or 4GB");
        }
        return v.replace(" ", "").toUpperCase(Locale.ROOT).replace("IB", "iB");
    }

    /** DuckDB has nothing to deploy: every configuration runs on the connection. */
    @Override
    public Map<String, String> deploymentSettings(Map<String, String> configuration) {
        return Map.of();
    }
}
