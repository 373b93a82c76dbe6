package dev.benchbox.shell;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.springframework.stereotype.Component;

/**
 * Where commands write for the user: the shell's terminal. Colour only on a real terminal and when
 * {@code NO_COLOR} is not set (https://no-color.org).
 */
@Component
public class Console {
    private static final String ERASE_TO_END = "\u001b[K";
    private final Terminal terminal;
    private final ShellContext shellContext;
    private final boolean errorsOnTerminal;
    private final PrintWriter stderr = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    private final boolean colour;
    private volatile boolean debug;
    // a live line is on screen (written without its newline): the next output replaces it
    private boolean liveLine;

    /**
     * @param errorsOnTerminal keep error lines on the terminal in non-interactive use too (in-process tests);
     *     normally they go to standard error there, so piped output stays clean
     */
    public Console(Terminal terminal, ShellContext shellContext,
            @Value("${benchbox.errors-on-terminal:false}") boolean errorsOnTerminal) {
        this.terminal = terminal;
        this.shellContext = shellContext;
        this.errorsOnTerminal = errorsOnTerminal;
        String noColor = System.getenv("NO_COLOR");
        this.colour = (noColor == null || noColor.isEmpty())
                && !Terminal.TYPE_DUMB.equals(terminal.getType())
                && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    }

    public PrintWriter writer() {
        endLive();
        return terminal.writer();
    }

    public Terminal terminal() {
        return terminal;
    }

    /** Whether the terminal is interactive enough for progress bars. */
    public boolean isInteractiveTerminal() {
        return !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    }

    public void println(String text) {
        endLive();
        terminal.writer().println(text);
        terminal.writer().flush();
    }

    public void success(String text) {
        println(styled(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN)));
    }

    public void warn(String text) {
        println(styled(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW)));
    }

    /**
     * A line about the output rather than the output itself: footers, timings, summaries. On the terminal
     * interactively; on standard error otherwise, so that standard output holds only the data
     * ({@code benchbox query "..." --format json > o.json} stays valid JSON).
     */
    public void note(String text) {
        PrintWriter notes = errorWriter();
        notes.println(text);
        notes.flush();
    }

    /** A {@link #note} that asks for attention (yellow on a colour terminal). */
    public void warnNote(String text) {
        note(styled(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW)));
    }

    public void error(String text) {
        String line = styled(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED));
        PrintWriter errors = errorWriter();
        errors.println(line);
        errors.flush();
    }

    /** Where error lines and (with --debug) stack traces go. */
    public PrintWriter errorWriter() {
        endLive();
        if (errorsOnTerminal || shellContext.getInteractionMode() == InteractionMode.INTERACTIVE) {
            return terminal.writer();
        }
        terminal.writer().flush();
        return stderr;
    }

    /**
     * A line redrawn in place (e.g. a job's state with its ticking time), on an interactive terminal only;
     * elsewhere nothing, so logs and pipes get the permanent lines alone. Any other output replaces it.
     */
    public synchronized void live(String text) {
        if (!isInteractiveTerminal()) {
            return;
        }
        PrintWriter out = terminal.writer();
        out.print("\r" + text + ERASE_TO_END);
        out.flush();
        liveLine = true;
    }

    /** Clears a live line still on screen, before output that does not go through this console. */
    public void endLiveLine() {
        endLive();
    }

    private synchronized void endLive() {
        if (liveLine) {
            liveLine = false;
            terminal.writer().print("\r" + ERASE_TO_END);
            terminal.writer().flush();
        }
    }

    public String styled(String text, AttributedStyle style) {
        if (!colour) {
            return text;
        }
        return new AttributedStringBuilder().style(style).append(text).toAnsi(terminal);
    }

    public boolean debug() {
        return debug;
    }

    public void debug(boolean enabled) {
        debug = enabled;
    }
}
