package dev.benchbox.script;

import static java.util.Objects.requireNonNull;

/**
 * One command of a {@code .bbx} script.
 *
 * @param number the line number where the command starts (1-based)
 * @param text the command, continuation lines joined and variables expanded
 * @param error why the line cannot be run (e.g. an undefined variable), or null
 */
public record ScriptLine(int number, String text, String error) {
    public ScriptLine {
        requireNonNull(text, "text is null");
        if (number < 1) {
            throw new IllegalArgumentException("line number must be positive: " + number);
        }
    }

    public boolean malformed() {
        return error != null;
    }
}
