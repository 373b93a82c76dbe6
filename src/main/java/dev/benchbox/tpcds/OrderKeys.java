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
 * @param columns the zero-based result columns, in the order the statement sorts on them
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
        String clause = sql.substring(orderBy[1], end);
        String clauseCode = code.substring(orderBy[1], end);
        List<String> names = columnNames.stream().map(OrderKeys::normalize).toList();
        List<Integer> keys = new ArrayList<>();
        int start = 0;
        int depth = 0;
        for (int i = 0; i <= clauseCode.length(); i++) {
            char ch = i < clauseCode.length() ? clauseCode.charAt(i) : ',';
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                Optional<Integer> column = column(clause.substring(start, i), names);
                if (column.isEmpty()) {
                    return Optional.empty();
                }
                keys.add(column.get());
                start = i + 1;
            }
        }
        return Optional.of(new OrderKeys(keys, limited));
    }

    private static Optional<Integer> column(String item, List<String> names) {
        String expression = DIRECTION.matcher(" " + item.strip()).replaceFirst("").strip();
        if (NUMBER.matcher(expression).matches()) {
            int position = Integer.parseInt(expression);
            return position >= 1 && position <= names.size() ? Optional.of(position - 1) : Optional.empty();
        }
        String wanted = normalize(expression);
        int found = names.indexOf(wanted);
        if (found < 0 && wanted.indexOf('.') > 0 && wanted.indexOf('(') < 0) {
            // store.s_city sorts the column the engine names s_city
            found = names.indexOf(wanted.substring(wanted.lastIndexOf('.') + 1));
        }
        return found < 0 ? Optional.empty() : Optional.of(found);
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
