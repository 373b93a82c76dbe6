package dev.benchbox.shell;

import dev.benchbox.platform.LoadProgress;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.springframework.stereotype.Component;

/** Progress bars on an interactive terminal; silence elsewhere (scripts, pipes, tests). */
@Component
public class ProgressBars {
    private final Console console;

    public ProgressBars(Console console) {
        this.console = console;
    }

    public LoadProgress create() {
        if (!console.isInteractiveTerminal()) {
            return LoadProgress.NONE;
        }
        return new TerminalProgress(new PrintStream(console.terminal().output(), true));
    }

    private static final class TerminalProgress implements LoadProgress {
        private final PrintStream out;
        private ProgressBar bar;

        TerminalProgress(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void start(String task, long total) {
            if (bar != null) {
                bar.close();
            }
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(out))
                    .build();
        }

        @Override
        public synchronized void advance(long amount) {
            if (bar != null) {
                bar.stepBy(amount);
            }
        }

        @Override
        public synchronized void close() {
            if (bar != null) {
                bar.stepTo(bar.getMax());
                bar.close();
                bar = null;
            }
        }
    }
}
