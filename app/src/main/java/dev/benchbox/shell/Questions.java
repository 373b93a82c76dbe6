package dev.benchbox.shell;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;
import org.springframework.stereotype.Component;

/**
 * Yes-or-no questions to the person at the prompt, before a command does something that cannot be undone. Only
 * an interactive session has someone to answer (also for a {@code script} run inside it); a one-shot command or
 * {@code --script} has not, and each caller says what happens then.
 */
@Component
public class Questions {
    private final ShellContext shellContext;
    private final ObjectProvider<LineReader> lineReader;

    public Questions(ShellContext shellContext, ObjectProvider<LineReader> lineReader) {
        this.shellContext = shellContext;
        this.lineReader = lineReader;
    }

    /** Whether someone can answer. */
    public boolean canAsk() {
        return shellContext.getInteractionMode() == InteractionMode.INTERACTIVE;
    }

    /** Yes only for y or yes; Ctrl-C, Ctrl-D and anything else are no. */
    public boolean ask(String question) {
        LineReader reader = lineReader.getObject();
        Object history = reader.getVariable(LineReader.DISABLE_HISTORY);
        // the answer is not a command: keep it out of the history
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            String answer = reader.readLine(question).strip();
            return answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes");
        } catch (UserInterruptException | EndOfFileException e) {
            return false;
        } finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, history == null ? false : history);
        }
    }
}
