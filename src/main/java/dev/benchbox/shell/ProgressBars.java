package dev.benchbox.shell;

import dev.benchbox.platform.LoadProgress;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        // the progress bar library closes its stream when done: keep the terminal's own stream open
        OutputStream shielded = new FilterOutputStream(console.terminal().output()) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        // an explicit width: otherwise the library opens a second JLine terminal to ask, which breaks ours
        int width = Math.max(40, console.terminal().getWidth() - 1);
        return new TerminalProgress(new PrintStream(shielded, true, StandardCharsets.UTF_8), width);
    }

    private static final class TerminalProgress implements LoadProgress {
        private final PrintStream out;
        private final int width;
        private ProgressBar bar;

        TerminalProgress(PrintStream out, int width) {
            this.out = out;
            this.width = width;
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
                    .setConsumer(new ConsoleProgressBarConsumer(out, width))
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
