package dev.benchbox.results.print;

/**
 * Text from data (a result's values, a results file's labels) shown on a terminal: control characters are shown as
 * escapes instead of reaching the terminal, where {@code ESC]0;title BEL} would retitle the window and {@code ESC[31m}
 * recolour everything after it. Line breaks and tabs become {@code \n}, {@code \r}, {@code \t} (a row stays on one
 * line), other controls {@code \x1b} or {@code \u0085}, including the C1 range and the bidirectional overrides that
 * would reorder what follows them.
 */
public final class ControlCharacters {
    private ControlCharacters() {
    }

    /** The text with every control character escaped; the same string when it holds none. */
    public static String escape(String text) {
        if (text == null || text.codePoints().noneMatch(ControlCharacters::isControl)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (!isControl(c)) {
                        out.appendCodePoint(c);
                    } else if (c < 0x100) {
                        out.append(String.format("\\x%02x", c));
                    } else {
                        out.append(String.format("\\u%04x", c));
                    }
                }
            }
        });
        return out.toString();
    }

    /** C0, DEL, C1, and the Unicode bidirectional embedding, override and isolate controls. */
    static boolean isControl(int c) {
        return Character.isISOControl(c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /**
     * A writer that passes line breaks on and escapes every other control character, for text laid out in lines whose
     * parts may come from data (a comparison's labels).
     */
    public static java.io.Writer lines(java.io.Writer out) {
        return new java.io.FilterWriter(out) {
            @Override
            public void write(int c) throws java.io.IOException {
                if (c == '\n' || !isControl(c)) {
                    out.write(c);
                } else {
                    out.write(escape(String.valueOf((char) c)));
                }
            }

            @Override
            public void write(char[] buffer, int offset, int length) throws java.io.IOException {
                write(new String(buffer, offset, length), 0, length);
            }

            @Override
            public void write(String text, int offset, int length) throws java.io.IOException {
                for (int i = offset; i < offset + length; i++) {
                    write(text.charAt(i));
                }
            }
        };
    }
}
