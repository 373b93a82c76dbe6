package dev.benchbox.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.context.DefaultShellContext;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.result.DefaultResultHandler;
import org.springframework.shell.result.GenericResultHandlerService;

/**
 * A command's returned text is printed by the framework, not through {@link Console}. Found trying it in tmux:
 * {@code application 00f STARTING · 2.4 sConnected to EMR Serverless ...} — the ticking line ran into the result.
 */
class BenchboxShellLiveLineTest {
    @Test
    void aCommandsResultStartsOnTheLineItsTickingLineWasClearedFrom() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = TerminalBuilder.builder().system(false).provider("exec").type("xterm")
                .streams(new ByteArrayInputStream(new byte[0]), screen).encoding(StandardCharsets.UTF_8).build()) {
            DefaultShellContext context = new DefaultShellContext();
            context.setInteractionMode(InteractionMode.INTERACTIVE);
            Console console = new Console(terminal, context, false);
            CommandCatalog commands = CommandCatalog.of();
            commands.register(CommandRegistration.builder().command("slow").withTarget().function(ctx -> {
                new JobProgressPrinter(console).waiting("application 00f STARTING", Duration.ofMillis(2400));
                return "Connected";
            }).and().build());
            GenericResultHandlerService results = new GenericResultHandlerService();
            results.addResultHandler(new DefaultResultHandler(terminal));
            BenchboxShell shell = new BenchboxShell(results, commands, terminal, context, mappings -> { }, new ErrorReporter(console), console);

            assertThat(shell.execute(List.of("slow"), "slow").failed()).isFalse();

            terminal.flush();
            assertThat(screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"))
                    .isEqualTo("\rapplication 00f STARTING · 2.4 s\u001b[K\r\u001b[KConnected\n");
        }
    }
}
