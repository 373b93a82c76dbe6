package dev.benchbox.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.Success$;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * What each timed query read, shuffled and spilled, summed from Spark's own task metrics (as the Spark UI's stage
 * pages show them). The driver marks the jobs of one execution with a local property ({@link #PROPERTY}), which Spark
 * passes to every stage the execution submits (broadcasts and subqueries too, whose threads capture it), so jobs of
 * anything else are never counted. Only successful task attempts count: a retried task reads its input again, and the
 * totals should say what the query needed, not how often it was retried.
 * <p>
 * Listener events arrive asynchronously; {@link #take} waits for Spark's listener bus to drain first, outside the
 * query's timing. That wait ({@code SparkContext.listenerBus().waitUntilEmpty}) is Spark-internal ({@code private[spark]},
 * public to Java), the one way to know every task's end was delivered; Spark 3.5 and 4.0 both have it, as every other
 * call here, so one source builds for both (and a future Spark without it fails the job's build, not a run).
 */
final class TaskMetricsByQuery extends SparkListener {
    /** The local property naming the execution a job belongs to. */
    static final String PROPERTY = "benchbox.execution";
    /** The figures, in the order written: rows and bytes read from storage, shuffled (written and read), spilled to disk. */
    static final List<String> NAMES = List.of("input_rows", "input_bytes", "shuffle_write_rows", "shuffle_write_bytes",
            "shuffle_read_bytes", "spill_bytes");
    /** How long {@link #take} waits for the listener bus: far more than it takes, bounded so a stuck bus cannot hang the run. */
    private static final long DRAIN_MILLIS = 60_000;

    private final Map<Integer, String> stages = new ConcurrentHashMap<>();
    private final Map<String, long[]> totals = new ConcurrentHashMap<>();

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        String execution = submitted.properties() == null ? null : submitted.properties().getProperty(PROPERTY);
        if (execution != null) {
            stages.put(submitted.stageInfo().stageId(), execution);
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        String execution = stages.get(end.stageId());
        TaskMetrics m = end.taskMetrics();
        if (execution == null || m == null || !(end.reason() instanceof Success$)) {
            return;
        }
        long[] sum = totals.computeIfAbsent(execution, k -> new long[NAMES.size()]);
        synchronized (sum) {
            sum[0] += m.inputMetrics().recordsRead();
            sum[1] += m.inputMetrics().bytesRead();
            sum[2] += m.shuffleWriteMetrics().recordsWritten();
            sum[3] += m.shuffleWriteMetrics().bytesWritten();
            sum[4] += m.shuffleReadMetrics().totalBytesRead();
            sum[5] += m.diskBytesSpilled();
        }
    }

    /**
     * The totals of one execution's tasks (zeros when it ran none, e.g. a query Spark answered in the driver), then
     * forgotten; empty when the listener bus did not drain in time, since incomplete totals would mislead.
     */
    Map<String, Long> take(SparkContext context, String execution) {
        try {
            context.listenerBus().waitUntilEmpty(DRAIN_MILLIS);
        } catch (TimeoutException e) {
            stages.values().removeIf(execution::equals);
            totals.remove(execution);
            return Map.of();
        }
        stages.values().removeIf(execution::equals);
        long[] sum = totals.remove(execution);
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.size(); i++) {
            out.put(NAMES.get(i), sum == null ? 0 : sum[i]);
        }
        return out;
    }
}
