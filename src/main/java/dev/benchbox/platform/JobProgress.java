package dev.benchbox.platform;

import java.time.Duration;

/** Told how a platform's job runs go (submitted, state changes), for live display. */
public interface JobProgress {
    JobProgress NONE = new JobProgress() { };

    default void submitted(String jobRunId) {
    }

    /** The job run's state changed, e.g. to RUNNING, this long after it was submitted. */
    default void stateChanged(String jobRunId, String state, Duration sinceSubmit) {
    }
}
