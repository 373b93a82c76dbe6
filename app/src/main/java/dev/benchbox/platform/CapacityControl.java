package dev.benchbox.platform;

/**
 * The application behind a platform and its capacity (EMR Serverless): show, change, start, stop, and whether
 * closing deletes it. A platform without one answers {@link Platform#capacity()} with empty.
 */
public interface CapacityControl {
    String applicationId();

    /** The application as its service describes it now. */
    ApplicationInfo status();

    /** Checks a change locally, with a one-line error naming the bad value; nothing is sent. */
    void check(CapacityChange change);

    /** Applies a change (checked first), stopping and restarting the application when the service requires it. */
    ApplicationInfo update(CapacityChange change);

    ApplicationInfo start();

    void stop();

    /** Asks for the application to be deleted when the platform closes; only one this session created can be. */
    void deleteOnClose();
}
