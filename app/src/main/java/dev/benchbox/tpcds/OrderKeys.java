package dev.benchbox.tpcds;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which result columns a statement's final {@code ORDER BY} sorts on, found from its text and the result's column
 * names. Rows equal on all of them are tied: an engine may return them in any order (and, at a {@code LIMIT}, pick
 * any of them), so an answer check must not call that a difference. When an item of the {@code ORDER BY} is not a
 * result column (an expression that is not selected), the keys are unknown and nothing counts as tied.
 *
 * @param columns the zero-based result columns the sort reads, in ascending order (rows equal on all of them are tied)
 * @param limited whether the statement ends with a {@code LIMIT}, so the last tied rows may be any of several
 */
public record OrderKeys(List<Integer> columns, boolean limited) {
    private static final Pattern DIRECTION =
            Pattern.compile("(?i)(\\s+(asc|desc))?(\\s+nulls\\s+(first|last))?\\s*$");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    public OrderKeys {
        columns = List.copyOf(columns);
    }

    /** The keys of {@code sql}'s outermost {@code ORDER BY}, or empty when it has none or one is not a result column. */
    public static Optional<OrderKeys> of(String sql, List<String> columnNames) {
        String code = blankCommentsAndLiterals(sql);
        int[] orderBy = lastTopLevel(code, "order\\s+by");
        if (orderBy == null) {
            return Optional.empty();
        }
        int[] limit = lastTopLevel(code, "limit");
        boolean limited = limit != null && limit[0] > orderBy[0];
        int end = limited ? limit[0] : sql.length();
        Columns columns = new Columns(columnNames, selectList(sql, code, columnNames.size()));
        java.util.SortedSet<Integer> keys = new java.util.TreeSet<>();
        for (String item : splitTopLevel(sql.substring(orderBy[1], end), code.substring(orderBy[1], end))) {
            Optional<List<Integer>> sorted = columns.sortedBy(DIRECTION.matcher(" " + item.strip()).replaceFirst("").strip());
            if (sorted.isEmpty()) {
                return Optional.empty();
            }
            keys.addAll(sorted.get());
        }
        return Optional.of(new OrderKeys(List.copyOf(keys), limited));
    }

    /**
     * The result columns by the engine's names and by the outermost select list's expressions (when it has one item
     * per column), so that {@code ORDER BY a.ca_state} finds the column selected as {@code a.ca_state state}.
     */
    private record Columns(List<String> names, List<String> expressions) {
        Columns {
            names = names.stream().map(OrderKeys::normalize).toList();
        }

        /** The columns an ORDER BY item sorts on: one, or every column an expression of result columns reads. */
        Optional<List<Integer>> sortedBy(String expression) {
            if (NUMBER.matcher(expression).matches()) {
                int position = Integer.parseInt(expression);
                return position >= 1 && position <= names.size() ? Optional.of(List.of(position - 1)) : Optional.empty();
            }
            Optional<Integer> one = column(expression);
            if (one.isPresent()) {
                return Optional.of(List.of(one.get()));
            }
            // e.g. sum_sales - avg_monthly_sales, CASE WHEN lochierarchy = 0 THEN i_category END: rows equal on
            // every column it reads are equal on it
            List<Integer> read = new ArrayList<>();
            Matcher identifier = IDENTIFIER.matcher(expression);
            while (identifier.find()) {
                boolean function = expression.substring(identifier.end()).stripLeading().startsWith("(");
                if (function || KEYWORDS.contains(identifier.group().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                Optional<Integer> column = column(identifier.group());
                if (column.isEmpty()) {
                    return Optional.empty();
                }
                read.add(column.get());
            }
            return read.isEmpty() ? Optional.empty() : Optional.of(read);
        }

        private Optional<Integer> column(String expression) {
            String wanted = normalize(expression);
            int found = names.indexOf(wanted);
            if (found < 0) {
                found = expressions.indexOf(wanted);
            }
            if (found < 0 && wanted.indexOf('.') > 0 && wanted.indexOf('(') < 0) {
                // store.s_city sorts the column the engine names s_city
                found = names.indexOf(wanted.substring(wanted.lastIndexOf('.') + 1));
            }
            return found < 0 ? Optional.empty() : Optional.of(found);
        }
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("case", "when", "then", "else", "end", "and",
            "or", "not", "null", "is", "in", "between", "like", "asc", "desc", "nulls", "first", "last", "as", "distinct",
            "true", "false", "cast", "interval");
    private static final Pattern ALIAS = Pattern.compile("(?is)^(.*?)\\s+(?:as\\s+)?([A-Za-z_][A-Za-z0-9_]*)$");

    /** The outermost select list's expressions, normalised, when it has exactly one item per result column. */
    private static List<String> selectList(String sql, String code, int columnCount) {
        Matcher select = Pattern.compile("(?i)\\bselect\\b").matcher(code);
        int start = -1;
        while (select.find()) {
            if (depthAt(code, select.start()) == 0) {
                start = select.end();
                break;
            }
        }
        if (start < 0) {
            return List.of();
        }
        Matcher from = Pattern.compile("(?i)\\bfrom\\b").matcher(code).region(start, code.length());
        int end = -1;
        while (end < 0 && from.find()) {
            if (depthAt(code, from.start()) == 0) {
                end = from.start();
            }
        }
        if (end < 0) {
            return List.of();
        }
        List<String> expressions = new ArrayList<>();
        for (String item : splitTopLevel(sql.substring(start, end), code.substring(start, end))) {
            String text = item.strip().replaceFirst("(?i)^distinct\\s+", "");
            Matcher alias = ALIAS.matcher(text);
            boolean aliased = alias.matches() && !KEYWORDS.contains(alias.group(2).toLowerCase(Locale.ROOT))
                    && !alias.group(1).isBlank() && !alias.group(1).strip().matches(".*[-+*/=<>(,]$");
            expressions.add(normalize(aliased ? alias.group(1) : text));
        }
        return expressions.size() == columnCount ? expressions : List.of();
    }

    /** The items of a comma-separated list, split only at commas outside parentheses ({@code code} has literals blanked). */
    private static List<String> splitTopLevel(String text, String code) {
        List<String> items = new ArrayList<>();
        int start = 0;
        int depth = 0;
        for (int i = 0; i <= code.length(); i++) {
            char ch = i < code.length() ? code.charAt(i) : ',';
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                items.add(text.substring(start, i));
                start = i + 1;
            }
        }
        return items;
    }

    /** Lower case without blanks, quotes or a schema qualifier on a function (DuckDB names {@code main."substring"(…)}). */
    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s\"`]", "").replace("main.", "")
                .replaceFirst("^substring\\(", "substr(");
    }

    /** Where the last {@code keyword} (a regular expression) outside parentheses starts and ends, or null. */
    private static int[] lastTopLevel(String code, String keyword) {
        Matcher matcher = Pattern.compile("(?i)\\b" + keyword + "\\b").matcher(code);
        int[] found = null;
        while (matcher.find()) {
            if (depthAt(code, matcher.start()) == 0) {
                found = new int[] {matcher.start(), matcher.end()};
            }
        }
        return found;
    }

    private static int depthAt(String code, int offset) {
        int depth = 0;
        for (int i = 0; i < offset; i++) {
            char ch = code.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            }
        }
        return depth;
    }

    /** The same text with comments and string literals replaced by blanks, so offsets stay the same. */
    private static String blankCommentsAndLiterals(String sql) {
        StringBuilder code = new StringBuilder(sql);
        int i = 0;
        while (i < code.length()) {
            char ch = code.charAt(i);
            if (ch == '-' && i + 1 < code.length() && code.charAt(i + 1) == '-') {
                while (i < code.length() && code.charAt(i) != '\n') {
                    code.setCharAt(i++, ' ');
                }
            } else if (ch == '\'') {
                code.setCharAt(i++, ' ');
                while (i < code.length() && code.charAt(i) != '\'') {
                    code.setCharAt(i++, ' ');
                }
                if (i < code.length()) {
                    code.setCharAt(i++, ' ');
                }
            } else {
                i++;
            }
        }
        return code.toString();
    }
}
