package dev.benchbox.platform.emr.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.spark.connect.proto.ExecutePlanResponse;
import org.junit.jupiter.api.Test;

/** Rows read from the plan metrics a Spark Connect server sends after a result, as Spark 3.5's MetricGenerator builds them. */
class SparkConnectMetricsTest {

    private static ExecutePlanResponse.Metrics.MetricObject node(String name, Map<String, Long> metrics) {
        ExecutePlanResponse.Metrics.MetricObject.Builder node = ExecutePlanResponse.Metrics.MetricObject.newBuilder().setName(name);
        metrics.forEach((key, value) -> node.putExecutionMetrics(key, ExecutePlanResponse.Metrics.MetricValue.newBuilder()
                .setName(key).setValue(value).setMetricType("sum").build()));
        return node.build();
    }

    @Test
    void rowsReadAreEveryStorageScansOutputRows() {
        ExecutePlanResponse.Metrics metrics = ExecutePlanResponse.Metrics.newBuilder()
                .addMetrics(node("AdaptiveSparkPlan", Map.of()))
                .addMetrics(node("HashAggregate", Map.of("numOutputRows", 4L)))
                .addMetrics(node("BroadcastHashJoin", Map.of("numOutputRows", 1500L)))
                .addMetrics(node("Scan parquet spark_catalog.tpch.lineitem", Map.of("numOutputRows", 60175L, "numFiles", 1L)))
                .addMetrics(node("Scan parquet spark_catalog.tpch.part", Map.of("numOutputRows", 2000L)))
                .addMetrics(node("BatchScan glue.tpch.orders", Map.of("numOutputRows", 15000L)))
                .addMetrics(node("LocalTableScan", Map.of("numOutputRows", 3L)))
                .build();

        assertThat(SparkConnectClient.rowsRead(metrics)).containsExactly(Map.entry("input_rows", 77175L));
    }

    @Test
    void noScanWithRowsIsNoFigureRatherThanZero() {
        ExecutePlanResponse.Metrics metrics = ExecutePlanResponse.Metrics.newBuilder()
                .addMetrics(node("LocalTableScan", Map.of("numOutputRows", 1L))).addMetrics(node("Scan parquet t", Map.of())).build();

        assertThat(SparkConnectClient.rowsRead(metrics)).isEmpty();
    }
}
