package dev.benchbox.platform;

import java.time.Duration;

/**
 * Told how a platform's slow work goes while the user waits (connecting, starting an application, job runs),
 * for live display.
 */
public interface JobProgress {
    JobProgress NONE = new JobProgress() { };

    /** A step begins that may take a while, e.g. {@code starting application 00f... (it was STOPPED)}. */
    default void step(String what) {
    }

    /**
     * Still waiting: called on every poll while nothing changed, e.g. {@code application 00f... STARTING} after
     * {@code elapsed}, so the display can keep ticking instead of freezing.
     */
    default void waiting(String what, Duration elapsed) {
    }

    /**
     * A request got no (good) answer and is sent again, e.g. {@code GetJobRun: no answer from 127.0.0.1:4566 within
     * 20 s, retrying (attempt 2 of 8)}: said while it happens, so a stalled endpoint is not silence.
     */
    default void retrying(String what) {
    }

    default void submitted(String jobRunId) {
    }

    /** The job run's state changed, e.g. to RUNNING, this long after it was submitted. */
    default void stateChanged(String jobRunId, String state, Duration sinceSubmit) {
    }
}
