package dev.benchbox.shell;

import java.util.Locale;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;

/** {@code history}: the commands typed so far, one numbered line each, as shells print them. */
@ShellComponent
public class HistoryCommands {
    // looked up when used: the line reader depends on the command catalog this class is part of
    private final ObjectProvider<LineReader> lineReader;

    public HistoryCommands(ObjectProvider<LineReader> lineReader) {
        this.lineReader = lineReader;
    }

    @ShellMethod(key = "history", value = "Show the commands typed so far (kept across sessions in ~/.benchbox/history).", group = "Session")
    public String history() {
        History history = lineReader.getObject().getHistory();
        StringBuilder out = new StringBuilder();
        int width = String.valueOf(Math.max(1, history.last() + 1)).length();
        for (History.Entry entry : history) {
            if (!out.isEmpty()) {
                out.append(System.lineSeparator());
            }
            out.append(String.format(Locale.ROOT, "%" + (width + 2) + "d  %s", entry.index() + 1, entry.line()));
        }
        return out.toString();
    }
}
