package dev.benchbox.shell;

import org.springframework.stereotype.Component;

/**
 * The process exit status of non-interactive use: 0 when every command succeeded, 1 when one failed,
 * {@value #UNVALIDATED} when a one-shot {@code run} ran every query but left answers unchecked, {@value #CANNOT_JUDGE}
 * when {@code compare --fail-on-regression} had too few iterations to tell a regression from noise.
 */
@Component
public class ExitStatus {
    /** A one-shot run ran, but not every answer was validated (no reference answers, or validation off). */
    public static final int UNVALIDATED = 3;
    /** A regression gate could not judge: too few iterations to tell a change from noise. */
    public static final int CANNOT_JUDGE = 4;

    private volatile int code;
    private volatile boolean unvalidatedRun;

    public int code() {
        return code;
    }

    public void fail() {
        code = 1;
    }

    /** A regression gate refused to judge; a failure already recorded stays. */
    public void cannotJudge() {
        if (code == 0) {
            code = CANNOT_JUDGE;
        }
    }

    /** A run finished with answers nobody checked; whether that shows in the status is the runner's call. */
    public void ranUnvalidated() {
        unvalidatedRun = true;
    }

    /** Makes an unvalidated run the status, unless something already failed. */
    void reportUnvalidated() {
        if (code == 0 && unvalidatedRun) {
            code = UNVALIDATED;
        }
    }

    /** A signal cancelled the run: its conventional status (130 for SIGINT, 143 for SIGTERM). */
    public void cancelledBy(String signal) {
        code = SignalCancellation.exitStatus(signal);
    }
}
