package dev.benchbox.shell;

import dev.benchbox.platform.JobProgress;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows slow work live: each step and job-run state change as a line ({@code job run 00f... RUNNING after
 * 12.3 s}), and, on an interactive terminal, a line redrawn on every poll while the state holds
 * ({@code job run 00f... RUNNING · 17.0 s}), which the next output replaces.
 */
final class JobProgressPrinter implements JobProgress {
    private final Console console;

    JobProgressPrinter(Console console) {
        this.console = console;
    }

    @Override
    public void step(String what) {
        console.note(what);
    }

    @Override
    public void waiting(String what, Duration elapsed) {
        console.live(String.format(Locale.ROOT, "%s · %.1f s", what, elapsed.toMillis() / 1000.0));
    }

    @Override
    public void retrying(String what) {
        console.warnNote(what);
    }

    @Override
    public void submitted(String jobRunId) {
        console.println("job run " + jobRunId + " submitted");
    }

    @Override
    public void stateChanged(String jobRunId, String state, Duration sinceSubmit) {
        console.println(String.format(Locale.ROOT, "job run %s %s after %.1f s", jobRunId, state, sinceSubmit.toMillis() / 1000.0));
    }
}
