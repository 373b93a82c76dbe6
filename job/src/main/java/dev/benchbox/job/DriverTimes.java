package dev.benchbox.job;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The driver's own milestones, on its wall clock (UTC epoch milliseconds, the same kind of clock as AWS's job run
 * times, but another machine's): when its JVM started, when {@code main} began and when the Spark session was ready.
 * With the first query's start and the last one's end, the shell splits a job run's RUNNING time into driver start,
 * queries and teardown.
 *
 * @param jvmStarted   the JVM's start, as the JVM reports it
 * @param mainStarted  {@code main}'s first line
 * @param sparkReady   the Spark session created (the driver's SparkContext up)
 */
record DriverTimes(long jvmStarted, long mainStarted, long sparkReady) {

    /** {@code jvmStarted} and {@code mainStarted} now; the session's time comes later. */
    static DriverTimes starting() {
        long now = System.currentTimeMillis();
        return new DriverTimes(ManagementFactory.getRuntimeMXBean().getStartTime(), now, 0);
    }

    DriverTimes ready() {
        return new DriverTimes(jvmStarted, mainStarted, System.currentTimeMillis());
    }

    /** {@code "driver": {"jvm_started": ..., "main_started": ..., "spark_ready": ..., "first_query": ..., "last_query_end": ...}}. */
    void write(JsonGenerator g, List<Execution> executions) throws IOException {
        g.writeObjectFieldStart("driver");
        g.writeNumberField("jvm_started", jvmStarted);
        g.writeNumberField("main_started", mainStarted);
        g.writeNumberField("spark_ready", sparkReady);
        if (!executions.isEmpty()) {
            Execution last = executions.get(executions.size() - 1);
            g.writeNumberField("first_query", executions.get(0).startedAt());
            g.writeNumberField("last_query_end", last.startedAt() + last.nanos() / 1_000_000);
        }
        g.writeEndObject();
    }
}
