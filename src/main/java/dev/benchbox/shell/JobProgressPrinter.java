package dev.benchbox.shell;

import dev.benchbox.platform.JobProgress;
import java.time.Duration;
import java.util.Locale;

/** Shows a job run's state transitions live: {@code job run 00f... RUNNING after 12.3 s}. */
final class JobProgressPrinter implements JobProgress {
    private final Console console;

    JobProgressPrinter(Console console) {
        this.console = console;
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
