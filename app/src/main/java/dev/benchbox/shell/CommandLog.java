package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.Redaction;
import dev.benchbox.log.CommandTrail;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each command in the log, as a user filing a bug would need it: the line as typed (secrets redacted), how it ended
 * and after how long, what it touched (applications, job runs, sessions) and the files it wrote, and, when it failed,
 * the line the user saw and the stack trace behind it ({@code --debug} shows the same trace on screen).
 */
final class CommandLog {
    private static final Logger log = LoggerFactory.getLogger("dev.benchbox.command");

    private CommandLog() {
    }

    /** The command starts: its line goes to the log now, so a command that never returns is still there. */
    static Entry begin(String line) {
        String typed = Redaction.text(line.strip());
        log.info("command: {}", typed);
        CommandTrail.start();
        return new Entry(typed, System.nanoTime());
    }

    /** A command under way. */
    record Entry(String line, long started) {
        /** It ended; {@code message} is the one line the user saw, when it failed. */
        void end(Throwable failure, String message) {
            String trail = CommandTrail.finish();
            String took = took(System.nanoTime() - started);
            String touched = trail.isEmpty() ? "" : "; " + trail;
            if (failure == null) {
                log.info("command ok after {}: {}{}", took, line, touched);
            } else if (failure instanceof BenchboxException || failure instanceof IllegalArgumentException) {
                // the shell's own refusal says everything: a trace would only bury it; the debug level keeps it
                log.warn("command failed after {}: {}: {}{}", took, line, message, touched);
                log.debug("behind it:", failure);
            } else {
                log.warn("command failed after " + took + ": " + line + ": " + message + touched, failure);
            }
        }

        private static String took(long nanos) {
            double ms = nanos / 1e6;
            return ms < 1000 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.1f s", ms / 1000);
        }
    }
}
