package dev.benchbox.benchmark;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Parses a query selection such as {@code 1,3,6} or {@code 1-5,7} for a benchmark whose queries are numbered 1 to N. */
public final class QuerySelection {
    private QuerySelection() {
    }

    /**
     * Numbers and inclusive ranges separated by commas, blanks allowed around them. The result keeps the order given
     * and drops repeats.
     *
     * @param benchmark the benchmark's title for messages, e.g. {@code TPC-H}
     * @param count     the highest query number
     * @throws IllegalArgumentException naming the offending part, in one line, if the selection is empty or holds
     *                                  anything but numbers 1-count and ascending ranges of them
     */
    public static List<Integer> parse(String spec, String benchmark, int count) {
        requireNonNull(spec, "spec is null");
        if (spec.isBlank()) {
            throw new IllegalArgumentException("no " + benchmark + " queries selected: expected numbers 1-" + count
                    + ", e.g. 1,3,6 or 1-5,7");
        }
        Set<Integer> selected = new LinkedHashSet<>();
        for (String part : spec.split(",", -1)) {
            String item = part.strip();
            int dash = item.indexOf('-', 1); // from 1: a leading '-' is a negative number, not a range
            if (dash < 0) {
                selected.add(number(item, benchmark, count));
                continue;
            }
            int first = number(item.substring(0, dash).strip(), benchmark, count);
            int last = number(item.substring(dash + 1).strip(), benchmark, count);
            if (first > last) {
                throw new IllegalArgumentException(
                        "invalid " + benchmark + " query range '" + item + "': the first number must not exceed the last");
            }
            for (int n = first; n <= last; n++) {
                selected.add(n);
            }
        }
        return List.copyOf(selected);
    }

    private static int number(String text, String benchmark, int count) {
        // Digits only (at most three), so "+3", " 3x" or "1e1" are not silently accepted.
        if (text.matches("[0-9]{1,3}")) {
            int number = Integer.parseInt(text);
            if (number >= 1 && number <= count) {
                return number;
            }
        }
        throw new IllegalArgumentException("unknown " + benchmark + " query '" + text + "': expected numbers 1-" + count);
    }
}
