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

    private SqlErrors() {
    }

    static BenchboxException toUserError(SQLException e) {
        return new BenchboxException(describe(e.getMessage()), e);
    }

    static boolean isInterrupt(SQLException e) {
        String message = e.getMessage();
        return message != null && message.contains("INTERRUPT");
    }

    static String describe(String message) {
        if (message == null || message.isBlank()) {
            return "SQL error";
        }
        String[] lines = message.split("\\R");
        String headline = lines[0].trim();
        for (int i = 1; i < lines.length; i++) {
            Matcher matcher = LINE.matcher(lines[i]);
            if (matcher.matches() && i + 1 < lines.length) {
                int caret = lines[i + 1].indexOf('^');
                int prefix = lines[i].length() - matcher.group(2).length();
                if (caret >= prefix) {
                    return headline + " (at line " + matcher.group(1) + ", column " + (caret - prefix + 1) + ")";
                }
                return headline + " (at line " + matcher.group(1) + ")";
            }
        }
        return headline;
    }
}
