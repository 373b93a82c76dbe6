package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Merges {@code connect}'s flags with repeatable {@code --platform-option key=value} pairs. */
final class PlatformOptions {
    private PlatformOptions() {
    }

    /**
     * @param flags option key to flag value (null when the flag was not given)
     * @param pairs {@code key=value} strings
     */
    static Map<String, String> merge(Map<String, String> flags, String[] pairs) {
        Map<String, String> options = new LinkedHashMap<>();
        flags.forEach((key, value) -> {
            if (value != null) {
                options.put(key, value);
            }
        });
        if (pairs != null) {
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new BenchboxException("invalid --platform-option '" + pair + "': expected key=value, e.g. region=eu-west-1");
                }
                String key = pair.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
                String value = pair.substring(eq + 1).trim();
                String earlier = options.put(key, value);
                if (earlier != null && !earlier.equals(value)) {
                    throw new BenchboxException(key + " is given twice, as '" + earlier + "' and '" + value + "'");
                }
            }
        }
        return options;
    }
}
