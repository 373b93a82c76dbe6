package dev.benchbox.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jline.reader.Parser;
import org.jline.terminal.Terminal;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.shell.boot.TerminalCustomizer;

/** A dumb, in-memory terminal whose output tests read back. */
@TestConfiguration(proxyBeanMethods = false)
public class ShellTestSupport {
    public static final ByteArrayOutputStream OUTPUT = new ByteArrayOutputStream();

    /**
     * A terminal over byte streams, written as it is printed: JLine's exec provider makes a plain Java one (its JNI
     * provider, the shell's for the real terminal, would put a pseudo-terminal and a pump thread in between).
     */
    @Bean
    TerminalCustomizer inMemoryTerminal() {
        return builder -> builder.system(false).provider("exec")
                .type(Terminal.TYPE_DUMB)
                .encoding(StandardCharsets.UTF_8)
                .streams(new ByteArrayInputStream(new byte[0]), OUTPUT);
    }

    /** Output written since the last call. */
    public static synchronized String takeOutput(Terminal terminal) {
        terminal.writer().flush();
        terminal.flush();
        String text = OUTPUT.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        OUTPUT.reset();
        return text;
    }

    /** What typing a line did: the outcome, what it printed, and the one-line error the user saw (null when none). */
    public record Result(BenchboxShell.Outcome outcome, String output, String error) {
    }

    /** Types {@code line} into the shell as a user does (parsed as the line reader parses it) and reads back what it did. */
    public static Result type(BenchboxShell shell, Parser parser, Terminal terminal, String line) {
        List<String> words = parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words();
        BenchboxShell.Outcome outcome = shell.execute(words, line);
        String output = takeOutput(terminal);
        return new Result(outcome, output, outcome.failure() == null ? null : ErrorReporter.message(outcome.failure()));
    }
}
