package dev.benchbox.shell;

import org.springframework.stereotype.Component;

/** The process exit status of non-interactive use: 0 when every command succeeded. */
@Component
public class ExitStatus {
    private volatile int code;

    public int code() {
        return code;
    }

    public void fail() {
        code = 1;
    }

    /** A signal cancelled the run: its conventional status (130 for SIGINT, 143 for SIGTERM). */
    public void cancelledBy(String signal) {
        code = SignalCancellation.exitStatus(signal);
    }
}
