package dev.benchbox.cache;

import dev.benchbox.BenchboxException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as the cache shows and reads them: decimal units, as disks are sold ({@code 1 GB} = 10^9 bytes). */
public final class Sizes {
    private static final String[] UNITS = {"bytes", "KB", "MB", "GB", "TB"};
    private static final Pattern SIZE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([KMGT]?B|bytes)?\\s*", Pattern.CASE_INSENSITIVE);

    private Sizes() {
    }

    /** {@code 0 bytes}, {@code 512 bytes}, {@code 1.5 MB}, {@code 362.1 MB}, {@code 50.0 GB}. */
    public static String text(long bytes) {
        if (bytes < 1000) {
            return bytes + " bytes";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** {@code 20GB}, {@code 500 MB}, {@code 1.5TB}, {@code 1000} (bytes): a one-line error for anything else. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new BenchboxException("a size is a number with KB, MB, GB or TB (e.g. 20GB), not '" + text + "'");
        }
        String unit = m.group(2) == null ? "bytes" : m.group(2).toUpperCase(Locale.ROOT);
        int power = unit.equals("BYTES") || unit.equals("B") ? 0 : "KMGT".indexOf(unit.charAt(0)) + 1;
        BigDecimal bytes = new BigDecimal(m.group(1)).movePointRight(3 * power);
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new BenchboxException("a size of '" + text + "' is too large");
        }
        return bytes.longValue();
    }
}
