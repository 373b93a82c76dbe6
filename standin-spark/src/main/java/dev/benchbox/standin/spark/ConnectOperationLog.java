package dev.benchbox.standin.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.connect.service.SparkListenerConnectOperationAnalyzed;
import org.apache.spark.sql.connect.service.SparkListenerConnectOperationClosed;
import org.apache.spark.sql.connect.service.SparkListenerConnectOperationFailed;
import org.apache.spark.sql.connect.service.SparkListenerConnectOperationFinished;
import org.apache.spark.sql.connect.service.SparkListenerConnectOperationReadyForExecution;
import org.apache.spark.sql.connect.service.SparkListenerConnectOperationStarted;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The stand-in session server's own account of each Spark Connect operation ({@code spark.extraListeners}): one
 * {@code OPERATION_ID<TAB>EVENT<TAB>EPOCH_MILLIS<TAB>TAGS} line per event the server posts (Started, Analyzed,
 * ReadyForExecution, Finished, Failed, Closed) appended to the file named by {@code benchbox.standin.session.operations}.
 * It is what scripts/bench-session compares a client's round trip with: the Spark side of the same statement, from the
 * server receiving it to the server closing it, on the server's clock.
 */
public final class ConnectOperationLog extends SparkListener {
    private final Path file = Path.of(System.getProperty("benchbox.standin.session.operations"));

    @Override
    public void onOtherEvent(SparkListenerEvent event) {
        if (event instanceof SparkListenerConnectOperationStarted e) {
            write(e.operationId(), "Started", e.eventTime(), e.sparkSessionTags().mkString(","));
        } else if (event instanceof SparkListenerConnectOperationAnalyzed e) {
            write(e.operationId(), "Analyzed", e.eventTime(), "");
        } else if (event instanceof SparkListenerConnectOperationReadyForExecution e) {
            write(e.operationId(), "ReadyForExecution", e.eventTime(), "");
        } else if (event instanceof SparkListenerConnectOperationFinished e) {
            write(e.operationId(), "Finished", e.eventTime(), "");
        } else if (event instanceof SparkListenerConnectOperationFailed e) {
            write(e.operationId(), "Failed", e.eventTime(), "");
        } else if (event instanceof SparkListenerConnectOperationClosed e) {
            write(e.operationId(), "Closed", e.eventTime(), "");
        }
    }

    private synchronized void write(String operation, String event, long millis, String tags) {
        try {
            Files.writeString(file, operation + "\t" + event + "\t" + millis + "\t" + tags + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("stand-in session: cannot log a Connect operation: " + e);
        }
    }
}
