package dev.benchbox.tpcds;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the two kinds of TPC-DS answer files the project ships (see {@code /tpcds/answers/README.md}).
 *
 * <ul>
 *   <li><b>DuckDB's</b> ({@code NN.csv}): a header line of column names, then one row per line, values separated
 *       by {@code |}, {@code NULL} for SQL NULL (older files leave the field empty).</li>
 *   <li><b>The TPC-DS kit's</b> ({@code N.ans}, {@code N_NULLS_FIRST.ans}, {@code N_NULLS_LAST.ans}): written by
 *       different databases' command-line clients, so several layouts: values separated by {@code |}, or padded
 *       to fixed widths with blanks and tabs; a header line, usually followed by a rule of dashes; queries with
 *       two parts hold two result sets, sometimes introduced by {@code ---- OUTPUT Query N}; an optional
 *       {@code N rows selected.} footer. An empty field is SQL NULL.</li>
 * </ul>
 */
public final class AnswerSetParser {
    /** A rule under a header: dashes, with blanks or bars between columns. */
    private static final Pattern RULE = Pattern.compile("^[- |]*-[- |]*$");
    /** Lines that belong to no result set: part markers and row-count footers. */
    private static final Pattern NOISE =
            Pattern.compile("^(-+ OUTPUT Query \\d+|\\d+ rows? selected\\.?|Elapsed: .*|INSERT \\d+ \\d+)\\s*$");
    private static final Pattern PART_MARKER = Pattern.compile("^-+ OUTPUT Query \\d+\\s*$");
    private static final int TAB_STOP = 8;

    private AnswerSetParser() {
    }

    /** Parses one of DuckDB's {@code NN.csv} answer files. */
    public static AnswerSet parseDuckDb(String text) {
        requireNonNull(text, "text is null");
        List<String> lines = text.lines().filter(line -> !line.isEmpty()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("empty answer file");
        }
        List<String> columns = List.of(lines.get(0).split("\\|", -1));
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> values = new ArrayList<>(List.of(line.split("\\|", -1)));
            values.replaceAll(value -> value.equals("NULL") || value.isEmpty() ? null : value);
            if (values.size() != columns.size()) {
                throw new IllegalArgumentException("row " + (rows.size() + 1) + " has " + values.size()
                        + " values for " + columns.size() + " columns");
            }
            rows.add(values);
        }
        return new AnswerSet(columns, rows);
    }

    /** Parses one of the TPC-DS kit's answer files into its result sets, in order (two for two-part queries). */
    public static List<AnswerSet> parseKit(String text) {
        requireNonNull(text, "text is null");
        List<String> lines = text.lines().map(AnswerSetParser::expandTabs).map(AnswerSetParser::stripEnd).toList();
        List<AnswerSet> sets = new ArrayList<>();
        String firstHeader = null;
        Section section = null;
        boolean marked = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (PART_MARKER.matcher(line).matches()) {
                marked = true;
                continue;
            }
            if (line.isBlank() || NOISE.matcher(line).matches() || RULE.matcher(line).matches()) {
                continue;
            }
            String next = nextContentLine(lines, i + 1);
            boolean ruled = next != null && RULE.matcher(next).matches() && !NOISE.matcher(next).matches();
            if (ruled && section != null && line.equals(section.header) && !marked) {
                continue; // SQL*Plus repeats the header after every page: the same result set goes on
            }
            // Without a rule, a header is the file's first line, or a repeat of it (Q39's second part).
            if (ruled || firstHeader == null || line.equals(firstHeader)) {
                marked = false;
                if (section != null) {
                    sets.add(section.toAnswerSet());
                }
                firstHeader = firstHeader == null ? line : firstHeader;
                section = new Section(line, ruled ? next : null);
                continue;
            }
            section.add(line, sets.size() + 1);
        }
        if (section == null) {
            throw new IllegalArgumentException("answer file has no header");
        }
        sets.add(section.toAnswerSet());
        return List.copyOf(sets);
    }

    private static String nextContentLine(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i);
            }
        }
        return null;
    }

    /** One result set being read: its header, its column layout and its rows so far. */
    private static final class Section {
        private final String header;
        private final List<String> columns;
        /** Character ranges of the columns when values are padded to fixed widths; null when separated by bars. */
        private final List<int[]> ranges;
        private final List<List<String>> rows = new ArrayList<>();

        Section(String header, String rule) {
            this.header = header;
            if (header.contains("|")) {
                columns = split(header);
                ranges = null;
            } else {
                ranges = ranges(requireNonNull(rule, "a fixed-width header needs a rule"));
                columns = new ArrayList<>();
                for (int[] range : ranges) {
                    columns.add(header.substring(Math.min(range[0], header.length()),
                            Math.min(range[1], header.length())).strip());
                }
            }
        }

        void add(String line, int set) {
            List<String> values = ranges == null ? split(line) : cut(line);
            values.replaceAll(value -> value.isEmpty() ? null : value);
            if (values.size() != columns.size()) {
                throw new IllegalArgumentException("result set " + set + ", row " + (rows.size() + 1) + " has "
                        + values.size() + " values for " + columns.size() + " columns");
            }
            rows.add(values);
        }

        /**
         * Assigns each value to the column whose rule is nearest to the value's middle: the kit's files are not
         * always aligned with their rules (Q24's right-aligned amounts end far past theirs).
         */
        private List<String> cut(String line) {
            List<StringBuilder> values = new ArrayList<>();
            for (int c = 0; c < ranges.size(); c++) {
                values.add(new StringBuilder());
            }
            int i = 0;
            while (i < line.length()) {
                if (line.charAt(i) == ' ') {
                    i++;
                    continue;
                }
                // A value runs until two blanks: values such as "reason 23" hold single blanks.
                int start = i;
                int end = i;
                while (end < line.length() && !(line.charAt(end) == ' '
                        && (end + 1 >= line.length() || line.charAt(end + 1) == ' '))) {
                    end++;
                }
                int middle = (start + end - 1) / 2;
                StringBuilder value = values.get(nearest(middle));
                value.append(value.length() == 0 ? "" : " ").append(line, start, end);
                i = end;
            }
            List<String> result = new ArrayList<>();
            values.forEach(value -> result.add(value.toString()));
            return result;
        }

        private int nearest(int position) {
            int best = 0;
            int bestDistance = Integer.MAX_VALUE;
            for (int c = 0; c < ranges.size(); c++) {
                int[] range = ranges.get(c);
                int distance = position < range[0] ? range[0] - position
                        : position >= range[1] ? position - range[1] + 1 : 0;
                // a tie goes to the later column: Q24's second result set sits one place left of its rules, so
                // a store name's middle falls as far past the first names' rule as before the store names'
                if (distance <= bestDistance) {
                    best = c;
                    bestDistance = distance;
                }
            }
            return best;
        }

        AnswerSet toAnswerSet() {
            return new AnswerSet(columns, rows);
        }

        private static List<int[]> ranges(String rule) {
            List<int[]> ranges = new ArrayList<>();
            int i = 0;
            while (i < rule.length()) {
                if (rule.charAt(i) != '-') {
                    i++;
                    continue;
                }
                int start = i;
                while (i < rule.length() && rule.charAt(i) == '-') {
                    i++;
                }
                ranges.add(new int[] {start, i});
            }
            return ranges;
        }

        private static List<String> split(String line) {
            List<String> values = new ArrayList<>();
            for (String value : line.split("\\|", -1)) {
                values.add(value.strip());
            }
            return values;
        }
    }

    private static String expandTabs(String line) {
        if (line.indexOf('\t') < 0) {
            return line;
        }
        StringBuilder expanded = new StringBuilder();
        for (char c : line.toCharArray()) {
            if (c == '\t') {
                do {
                    expanded.append(' ');
                } while (expanded.length() % TAB_STOP != 0);
            } else {
                expanded.append(c);
            }
        }
        return expanded.toString();
    }

    private static String stripEnd(String line) {
        return line.stripTrailing();
    }
}
