package dev.benchbox.shell;

import org.jline.reader.LineReader;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.shell.ShellRunner;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;
import org.springframework.shell.jline.InteractiveShellRunner;
import org.springframework.shell.jline.PromptProvider;
import org.springframework.stereotype.Component;

/**
 * The interactive session, in place of Spring Shell's runner (which runs after this one and so never does):
 * the same loop, read through {@link PromptInput} so that Ctrl-C at the prompt clears the line instead of
 * quitting.
 */
@Component
@Order(InteractiveShellRunner.PRECEDENCE - 50)
@ConditionalOnProperty(prefix = "spring.shell.interactive", name = "enabled", havingValue = "true", matchIfMissing = true)
public class InteractiveRunner implements ShellRunner {
    private final LineReader lineReader;
    private final PromptProvider promptProvider;
    private final BenchboxShell shell;
    private final ShellContext shellContext;
    private final Console console;
    private final SignalCancellation signals;
    private final ExitStatus exitStatus;

    public InteractiveRunner(LineReader lineReader, PromptProvider promptProvider, BenchboxShell shell, ShellContext shellContext,
            Console console, SignalCancellation signals, ExitStatus exitStatus) {
        this.signals = signals;
        this.exitStatus = exitStatus;
        this.lineReader = lineReader;
        this.promptProvider = promptProvider;
        this.shell = shell;
        this.shellContext = shellContext;
        this.console = console;
    }

    @Override
    public boolean run(String[] args) {
        shellContext.setInteractionMode(InteractionMode.INTERACTIVE);
        shell.run(signals.interactive(new PromptInput(lineReader, promptProvider, console), Thread.currentThread()));
        signals.received().ifPresent(signal -> {
            console.error(signals.prefix() + "the running command was cancelled; ending the session");
            exitStatus.cancelledBy(signal);
        });
        return true;
    }
}
