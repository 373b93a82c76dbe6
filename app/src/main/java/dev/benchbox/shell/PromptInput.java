package dev.benchbox.shell;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.springframework.shell.Input;
import org.springframework.shell.InputProvider;
import org.springframework.shell.jline.PromptProvider;

/**
 * Reads the interactive prompt's lines. Unlike Spring Shell's own reader, Ctrl-C never ends the session (it
 * would lose an in-memory database): at the prompt it clears the line, as psql, pgcli and the DuckDB CLI do.
 * Only Ctrl-D on an empty line (or {@code exit}) ends it. Ctrl-C while a command runs is the shell's: it
 * cancels that command.
 */
public final class PromptInput implements InputProvider {
    static final String HINT = "(Ctrl-C clears the line; type exit or press Ctrl-D to leave)";

    private final LineReader lineReader;
    private final PromptProvider promptProvider;
    private final Console console;
    private long burstStarted;
    private int burst;

    public PromptInput(LineReader lineReader, PromptProvider promptProvider, Console console) {
        this.lineReader = requireNonNull(lineReader, "lineReader is null");
        this.promptProvider = requireNonNull(promptProvider, "promptProvider is null");
        this.console = requireNonNull(console, "console is null");
    }

    /** The next line; {@link Input#EMPTY} after Ctrl-C; null at the end of input (Ctrl-D). */
    @Override
    public Input readInput() {
        try {
            lineReader.readLine(promptProvider.getPrompt().toAnsi(lineReader.getTerminal()));
        } catch (UserInterruptException e) {
            if (terminalGone()) {
                return null;
            }
            if (e.getPartialLine() == null || e.getPartialLine().isBlank()) {
                // someone who expected Ctrl-C to quit learns how to, once per press
                console.println(console.styled(HINT, org.jline.utils.AttributedStyle.DEFAULT.faint()));
            }
            return Input.EMPTY;
        } catch (EndOfFileException e) {
            return null;
        }
        ParsedLine line = lineReader.getParsedLine();
        return new Line(line.line(), List.copyOf(line.words()));
    }

    /**
     * A closed terminal makes every read an interrupt at once: thousands a second where a person (even holding
     * the keys down) makes a few dozen. Then the session ends as on Ctrl-D, instead of spinning.
     */
    private boolean terminalGone() {
        long now = System.nanoTime();
        if (now - burstStarted > 1_000_000_000L) {
            burstStarted = now;
            burst = 0;
        }
        return ++burst > 200;
    }

    private record Line(String rawText, List<String> words) implements Input {
    }
}
