package dev.benchbox.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/**
 * Lays out what {@code help} renders (Spring Shell's templates): lines longer than the terminal wrap at a space, not
 * mid-word, continuing under the text they belong to; and the command listing puts groups and the commands in them in
 * the order a session goes (connect, schema, load, query, run, compare, ...), where the framework left them in no order.
 * Styles (bold names) are kept.
 */
final class HelpLayout {
    /** The order of a session; a command not named here comes after these, alphabetically. */
    static final List<String> FLOW = List.of("connect", "status", "create-schema", "use", "tables", "describe", "load", "query",
            "output", "run", "compare", "report", "cost", "cost estimate", "capacity", "capacity set", "capacity start", "capacity stop",
            "session start", "session status", "session stop", "iam-policy", "script", "history", "disconnect", "help", "clear",
            "exit", "quit");

    private static final String COMMAND_INDENT = "       ";

    private HelpLayout() {
    }

    /**
     * @param listing whether this is the listing of every command (reordered) rather than one command's help
     * @param width   the terminal's columns; 0 or less (not a terminal) leaves lines whole
     */
    static AttributedString layout(AttributedString text, boolean listing, int width) {
        List<AttributedString> lines = lines(text);
        if (listing) {
            lines = ordered(lines);
        }
        AttributedStringBuilder out = new AttributedStringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            wrap(lines.get(i), width, out);
        }
        return out.toAttributedString();
    }

    private static List<AttributedString> lines(AttributedString text) {
        List<AttributedString> lines = new ArrayList<>();
        String plain = text.toString();
        int start = 0;
        for (int nl = plain.indexOf('\n'); nl >= 0; nl = plain.indexOf('\n', start)) {
            lines.add(text.subSequence(start, nl));
            start = nl + 1;
        }
        lines.add(text.subSequence(start, plain.length()));
        return lines;
    }

    /** Groups (a header line, its indented command lines, a blank line) and their commands, in the session's order. */
    private static List<AttributedString> ordered(List<AttributedString> lines) {
        List<AttributedString> head = new ArrayList<>();
        List<List<AttributedString>> groups = new ArrayList<>();
        List<AttributedString> tail = new ArrayList<>();
        int i = 0;
        while (i < lines.size() && !isGroupHeader(lines, i)) {
            head.add(lines.get(i++));
        }
        while (i < lines.size() && isGroupHeader(lines, i)) {
            List<AttributedString> group = new ArrayList<>();
            group.add(lines.get(i++));
            List<AttributedString> commands = new ArrayList<>();
            while (i < lines.size() && lines.get(i).toString().startsWith(COMMAND_INDENT)) {
                commands.add(lines.get(i++));
            }
            commands.sort(Comparator.comparing((AttributedString line) -> rank(command(line))).thenComparing(line -> command(line)));
            group.addAll(commands);
            while (i < lines.size() && lines.get(i).toString().isBlank()) {
                i++;
            }
            // one blank line after each group, wherever it now stands
            group.add(AttributedString.EMPTY);
            groups.add(group);
        }
        while (i < lines.size()) {
            tail.add(lines.get(i++));
        }
        groups.sort(Comparator.comparingInt(group -> rank(command(group.get(1)))));
        List<AttributedString> out = new ArrayList<>(head);
        groups.forEach(out::addAll);
        out.addAll(tail);
        return out;
    }

    private static boolean isGroupHeader(List<AttributedString> lines, int i) {
        String line = lines.get(i).toString();
        return !line.isBlank() && !line.startsWith(" ") && i + 1 < lines.size() && lines.get(i + 1).toString().startsWith(COMMAND_INDENT);
    }

    /** {@code "       * load: Load data..."} → {@code load}. */
    static String command(AttributedString line) {
        String text = line.toString().strip();
        if (text.startsWith("* ")) {
            text = text.substring(2);
        }
        int colon = text.indexOf(':');
        return colon < 0 ? text : text.substring(0, colon);
    }

    private static int rank(String command) {
        int at = FLOW.indexOf(command);
        return at < 0 ? FLOW.size() : at;
    }

    /** Breaks at the last space that fits; continuation lines start under the text (after "name: " on a command line). */
    private static void wrap(AttributedString line, int width, AttributedStringBuilder out) {
        String plain = line.toString();
        if (width <= 0 || plain.length() <= width) {
            out.append(line);
            return;
        }
        int indent = 0;
        while (indent < plain.length() && plain.charAt(indent) == ' ') {
            indent++;
        }
        int nameEnd = plain.indexOf(": ", indent);
        int hanging = nameEnd > 0 && nameEnd - indent < 30 ? nameEnd + 2 : indent;
        if (hanging >= width / 2) {
            hanging = indent;
        }
        int start = 0;
        boolean first = true;
        while (start < plain.length()) {
            int room = width - (first ? 0 : hanging);
            int end = Math.min(plain.length(), start + room);
            if (end < plain.length()) {
                int space = plain.lastIndexOf(' ', end);
                // a word longer than the line is cut where it must be
                end = space > start ? space : end;
            }
            if (!first) {
                out.append('\n').append(" ".repeat(hanging));
            }
            out.append(line.subSequence(start, end));
            start = end;
            while (start < plain.length() && plain.charAt(start) == ' ') {
                start++;
            }
            first = false;
        }
    }
}
