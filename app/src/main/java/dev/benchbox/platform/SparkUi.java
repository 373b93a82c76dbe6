package dev.benchbox.platform;

import java.util.Optional;

/**
 * Links to the Spark UI of what a platform ran: live while a job run or session runs, the persistent (history) UI after.
 * A link lets its holder in for about an hour, so it is fetched each time it is shown and never recorded.
 */
public interface SparkUi {
    /** A fresh link to the job run's Spark UI. */
    String jobRun(String jobRunId);

    /** A fresh link to the open interactive session's Spark UI; empty when none is open. */
    Optional<String> session();
}
