package dev.benchbox.platform.duckdb;

import dev.benchbox.BenchboxException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns DuckDB's multi-line error messages into one line, keeping the position information:
 * DuckDB shows the offending line followed by a caret line; we turn that into "at line L, column C".
 */
final class SqlErrors {
    private static final Pattern LINE = Pattern.compile("^LINE (\\d+): (.*)$");
    private static final String ELLIPSIS = "...";

    private SqlErrors() {
    }

    static BenchboxException toUserError(SQLException e) {
        return new BenchboxException(describe(e.getMessage()), e);
    }

    /** As {@link #toUserError(SQLException)}, with the statement, to place the caret in long lines. */
    static BenchboxException toUserError(SQLException e, String sql) {
        return new BenchboxException(describe(e.getMessage(), sql), e);
    }

    static boolean isInterrupt(SQLException e) {
        String message = e.getMessage();
        return message != null && message.contains("INTERRUPT");
    }

    static String describe(String message) {
        return describe(message, null);
    }

    /**
     * One line for the message. DuckDB shows only a window of a long line, elided with "...", so the
     * caret's column within that window is not the column in the statement: the window is found in the
     * statement's line to get the real column, or only the line is reported when it cannot be.
     */
    static String describe(String message, String sql) {
        if (message == null || message.isBlank()) {
            return "SQL error";
        }
        String[] lines = message.split("\\R");
        String headline = lines[0].trim();
        for (int i = 1; i < lines.length; i++) {
            Matcher matcher = LINE.matcher(lines[i]);
            if (matcher.matches() && i + 1 < lines.length) {
                int lineNumber = Integer.parseInt(matcher.group(1));
                String shown = matcher.group(2);
                int caret = lines[i + 1].indexOf('^');
                int prefix = lines[i].length() - shown.length();
                if (caret < prefix) {
                    return headline + " (at line " + lineNumber + ")";
                }
                int offset = caret - prefix;
                if (shown.startsWith(ELLIPSIS) || shown.endsWith(ELLIPSIS)) {
                    int start = windowStart(shown, sql, lineNumber);
                    if (start < 0) {
                        return headline + " (at line " + lineNumber + ")";
                    }
                    offset = start + offset - (shown.startsWith(ELLIPSIS) ? ELLIPSIS.length() : 0);
                }
                return headline + " (at line " + lineNumber + ", column " + (offset + 1) + ")";
            }
        }
        return headline;
    }

    /** Where the elided window starts in the statement's line, or -1. */
    private static int windowStart(String shown, String sql, int lineNumber) {
        if (sql == null) {
            return -1;
        }
        String[] sqlLines = sql.split("\\R", -1);
        if (lineNumber < 1 || lineNumber > sqlLines.length) {
            return -1;
        }
        String window = shown;
        if (window.startsWith(ELLIPSIS)) {
            window = window.substring(ELLIPSIS.length());
        }
        if (window.endsWith(ELLIPSIS)) {
            window = window.substring(0, window.length() - ELLIPSIS.length());
        }
        String line = sqlLines[lineNumber - 1];
        int start = line.indexOf(window);
        // a window that occurs twice cannot place the caret
        if (start < 0 || window.isEmpty() || line.indexOf(window, start + 1) >= 0) {
            return -1;
        }
        return start;
    }
}
