package dev.benchbox.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.shell.context.DefaultShellContext;
import org.springframework.shell.context.InteractionMode;

/** The ticking line of slow work: redrawn in place on a terminal, replaced by the next output, absent elsewhere. */
class ConsoleLiveLineTest {
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    private Console console(String terminalType) throws Exception {
        Terminal terminal = TerminalBuilder.builder().system(false).provider("exec").type(terminalType)
                .streams(new ByteArrayInputStream(new byte[0]), screen).encoding(StandardCharsets.UTF_8).build();
        DefaultShellContext context = new DefaultShellContext();
        context.setInteractionMode(InteractionMode.INTERACTIVE);
        return new Console(terminal, context, false);
    }

    /** What was written, with the terminal's output translation of newlines (CR LF) undone. */
    private String screen() {
        return screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    @Test
    void aJobsStateTicksInPlaceAndTheNextStateReplacesIt() throws Exception {
        JobProgressPrinter printer = new JobProgressPrinter(console("xterm"));
        printer.stateChanged("00f1", "RUNNING", Duration.ofMillis(3700));
        printer.waiting("job run 00f1 RUNNING", Duration.ofMillis(5200));
        printer.waiting("job run 00f1 RUNNING", Duration.ofMillis(9000));
        printer.stateChanged("00f1", "SUCCESS", Duration.ofMillis(17200));

        assertThat(screen()).isEqualTo("job run 00f1 RUNNING after 3.7 s\n"
                + "\rjob run 00f1 RUNNING · 5.2 s\u001b[K"
                + "\rjob run 00f1 RUNNING · 9.0 s\u001b[K"
                + "\r\u001b[K"
                + "job run 00f1 SUCCESS after 17.2 s\n");
    }

    @Test
    void anErrorAfterATickingLineStartsOnAClearedLine() throws Exception {
        Console console = console("xterm");
        new JobProgressPrinter(console).waiting("application 00f2 STARTING", Duration.ofSeconds(2));
        console.error("interrupted");
        assertThat(screen()).endsWith("\r\u001b[K" + console.styled("interrupted", org.jline.utils.AttributedStyle.DEFAULT
                .foreground(org.jline.utils.AttributedStyle.RED)) + "\n");
    }

    @Test
    void withoutAnInteractiveTerminalOnlyThePermanentLinesAppear() throws Exception {
        JobProgressPrinter printer = new JobProgressPrinter(console(Terminal.TYPE_DUMB));
        printer.step("starting application 00f3 (it was STOPPED)");
        printer.waiting("application 00f3 STARTING", Duration.ofSeconds(2));
        printer.stateChanged("00f4", "RUNNING", Duration.ofMillis(1500));
        assertThat(screen()).isEqualTo("starting application 00f3 (it was STOPPED)\njob run 00f4 RUNNING after 1.5 s\n");
    }
}
