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

    /**
     * One bar at a time. A bar ends (final redraw, then a newline) as soon as its task is done or reaches its
     * total, so its background redraws never land among the lines printed after it; a bar closed before that
     * (a failed or cancelled load) ends where it stopped instead of jumping to 100%.
     */
    static final class TerminalProgress implements LoadProgress {
        private final PrintStream out;
        private final int width;
        private ProgressBar bar;

        private volatile int lastByte = '\n';

        TerminalProgress(PrintStream terminal, int width) {
            // remembers the last byte drawn: the library skips the final newline of a bar closed before its first redraw
            this.out = new PrintStream(new FilterOutputStream(terminal) {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    lastByte = b;
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                    if (length > 0) {
                        lastByte = bytes[offset + length - 1];
                    }
                }
            }, true, StandardCharsets.UTF_8);
            this.width = width;
        }

        @Override
        public synchronized void start(String task, long total) {
            end();
            bar = builder(task, total).build();
        }

        /**
         * 2944/2944 KB ... 812.3 KB/s: the largest unit the total is at least 10 of (the bar shows whole units, so 2.9 MB
         * in MB would read 2/2), 1 KB = 1024 bytes.
         */
        @Override
        public synchronized void startBytes(String task, long totalBytes) {
            end();
            String[] units = {" KB", " MB", " GB"};
            int unit = 0;
            long size = 1024;
            while (unit < units.length - 1 && totalBytes >= size * 1024 * 10) {
                size *= 1024;
                unit++;
            }
            bar = builder(task, totalBytes).setUnit(units[unit], size).showSpeed(new java.text.DecimalFormat("0.0")).build();
        }

        private ProgressBarBuilder builder(String task, long total) {
            return new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(out, width));
        }

        @Override
        public synchronized void advance(long amount) {
            if (bar != null) {
                bar.stepBy(amount);
                if (bar.getCurrent() >= bar.getMax()) {
                    end();
                }
            }
        }

        @Override
        public synchronized void done() {
            if (bar != null) {
                bar.maxHint(Math.max(bar.getCurrent(), 1));
                bar.stepTo(bar.getMax());
                end();
            }
        }

        @Override
        public synchronized void close() {
            end();
        }

        private void end() {
            if (bar != null) {
                bar.close();
                bar = null;
                if (lastByte != '\n') {
                    out.println();
                }
                out.flush();
            }
        }
    }
}
