package dev.benchbox.platform.emr.job;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often to poll a state: quickly at first, then backing off with jitter up to {@code max}. The default stays
 * far below GetApplication's and GetJobRun's 10 requests per second quota. The platform holds one, injected at
 * connect, and every wait (application states, job runs, sessions) polls with it, capped where a wait must notice
 * a change sooner; tests inject a fast one.
 *
 * @param initial the first wait
 * @param max the longest wait
 * @param multiplier growth per poll
 */
public record Backoff(Duration initial, Duration max, double multiplier) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5), 1.6);

    public Backoff {
        requireNonNull(initial, "initial is null");
        requireNonNull(max, "max is null");
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be at least 1");
        }
    }

    /** The same growth, waiting at most {@code longest} between polls. */
    public Backoff cappedAt(Duration longest) {
        return longest.compareTo(max) >= 0 ? this : new Backoff(initial.compareTo(longest) <= 0 ? initial : longest, longest, multiplier);
    }

    /** Waits before poll number {@code attempt} (0-based); an interrupt (Ctrl-C) ends the wait. */
    public void pause(int attempt) throws InterruptedException {
        Thread.sleep(delayMillis(attempt));
    }

    /** The wait before poll number {@code attempt} (0-based): exponential, capped, with ±20% jitter. */
    public long delayMillis(int attempt) {
        double base = initial.toMillis() * Math.pow(multiplier, Math.min(attempt, 30));
        double capped = Math.min(base, max.toMillis());
        return Math.max(1, Math.round(capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
    }
}
