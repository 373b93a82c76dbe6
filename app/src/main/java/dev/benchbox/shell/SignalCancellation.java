package dev.benchbox.shell;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.shell.Input;
import org.springframework.shell.InputProvider;
import org.springframework.stereotype.Component;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM during non-interactive use (a one-shot command, a script) cancel the work exactly as Ctrl-C does:
 * the command thread is interrupted, so the command stops its work (job runs cancelled, tables left as they were);
 * then the run ends with one line and the signal's status (130, 143), and closing stops what the shell started.
 * Without this SIGTERM ran the JVM's shutdown hooks under a command still running, in silence.
 *
 * <p>While a command runs, Spring Shell has its own SIGINT handler in place of ours (it interrupts the command thread,
 * which is what Ctrl-C does); the command thread notes an interrupt that comes from the JVM's signal thread, so the
 * run knows a signal, not a timeout inside a client, stopped it.
 */
@Component
public class SignalCancellation {
    /** The signals that cancel a run, with the exit status that reports each (128 + its number). */
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final AtomicReference<String> received = new AtomicReference<>();

    /**
     * Runs {@code work} on a command thread that SIGINT and SIGTERM interrupt, and waits for it.
     *
     * @return the signal that arrived meanwhile (INT or TERM), if one did
     */
    public Optional<String> run(Runnable work) {
        CommandThread thread = new CommandThread(work);
        SignalHandler[] previous = new SignalHandler[SIGNALS.length];
        for (int i = 0; i < SIGNALS.length; i++) {
            String name = SIGNALS[i];
            previous[i] = install(name, signal -> {
                received.compareAndSet(null, name);
                thread.interrupt();
            });
        }
        try {
            thread.start();
            joinUninterruptibly(thread);
            if (thread.failure != null) {
                throw thread.failure;
            }
        } finally {
            // closing runs after the run: a second signal meanwhile gets the JVM's own handling (shutdown hooks)
            for (int i = 0; i < SIGNALS.length; i++) {
                if (previous[i] != null) {
                    Signal.handle(new Signal(SIGNALS[i]), previous[i]);
                }
            }
        }
        return received();
    }

    /**
     * Interactive use: SIGTERM while a command runs cancels it as Ctrl-C does, and the session ends after it (the
     * returned input gives no more lines); at the prompt it exits as the JVM would, closing the session on the way.
     * SIGINT stays with the terminal: Ctrl-C cancels the command and keeps the session.
     *
     * @param prompt where lines come from
     * @param shellThread the thread that runs the commands
     */
    public InputProvider interactive(InputProvider prompt, Thread shellThread) {
        AtomicBoolean running = new AtomicBoolean();
        install("TERM", signal -> {
            if (running.get()) {
                received.compareAndSet(null, "TERM");
                shellThread.interrupt();
            } else {
                System.exit(exitStatus("TERM")); // shutdown hooks close the session, as on exit
            }
        });
        return () -> {
            running.set(false);
            if (received.get() != null) {
                return null;
            }
            Thread.interrupted(); // a Ctrl-C that cancelled the last command is spent: the prompt must not see it again
            Input input = prompt.readInput();
            running.set(true);
            return input;
        };
    }

    /** The signal that cancelled the run so far, if any. */
    public Optional<String> received() {
        return Optional.ofNullable(received.get());
    }

    /** What starts the line that reports a cancelled run: {@code interrupted (SIGINT): }, or nothing without a signal. */
    public String prefix() {
        return received().map(name -> (name.equals("TERM") ? "terminated" : "interrupted") + " (SIG" + name + "): ").orElse("");
    }

    /** The exit status for a run that {@code signal} cancelled: 128 plus its number, as shells report it. */
    public static int exitStatus(String signal) {
        return 128 + new Signal(signal).getNumber();
    }

    private static SignalHandler install(String name, SignalHandler handler) {
        try {
            return Signal.handle(new Signal(name), handler);
        } catch (IllegalArgumentException e) {
            return null; // the JVM keeps this signal for itself (-Xrs): it keeps its default meaning
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The thread commands run on: it notes interrupts that come from a signal handler (Spring Shell's for SIGINT). */
    private final class CommandThread extends Thread {
        private final Runnable work;
        private RuntimeException failure;

        CommandThread(Runnable work) {
            super("benchbox-command");
            this.work = work;
        }

        @Override
        public void run() {
            try {
                work.run();
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        @Override
        public void interrupt() {
            // the JVM runs signal handlers on a thread of this name ("SIGINT handler"); clients' own timeouts interrupt
            // from their timer threads and are no signal
            String caller = Thread.currentThread().getName();
            if (caller.startsWith("SIG") && caller.endsWith(" handler")) {
                received.compareAndSet(null, caller.substring(3, caller.length() - " handler".length()));
            }
            super.interrupt();
        }
    }
}
