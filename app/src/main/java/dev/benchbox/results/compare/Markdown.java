package dev.benchbox.results.compare;

/**
 * Text from results files (labels, what differs) inside Markdown: shown as written, never read as markup. Characters
 * that can start markup are escaped with a backslash, which CommonMark and GitHub allow before any ASCII punctuation;
 * an underscore inside a word ({@code x86_64}) and a tilde between blanks ({@code 0.95 ~}) cannot, and stay as they are.
 */
final class Markdown {
    private Markdown() {
    }

    /** The text as inline Markdown (a table cell, a sentence). */
    static String inline(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char before = i > 0 ? text.charAt(i - 1) : ' ';
            char after = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
            boolean escape = switch (c) {
                case '\\', '`', '*', '[', ']', '<', '>', '|', '&' -> true;
                case '_' -> !(Character.isLetterOrDigit(before) && Character.isLetterOrDigit(after));
                case '~' -> !(Character.isWhitespace(before) && Character.isWhitespace(after));
                default -> false;
            };
            if (escape) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The text as a code span, fenced with more backticks than it holds in a row, so nothing in it ends the span. */
    static String code(String text) {
        int longest = 0;
        int run = 0;
        for (char c : text.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
        return fence + pad + text + pad + fence;
    }
}
