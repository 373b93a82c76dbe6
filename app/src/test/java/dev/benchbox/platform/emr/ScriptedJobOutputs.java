package dev.benchbox.platform.emr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.benchbox.dataset.Column;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.JobExecutor;
import dev.benchbox.tpch.TpchRowCounts;
import java.net.URI;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A stand-in job executor that writes what the Spark job would leave for the shell, without Spark: a check job's
 * report (every table present with the TPC-H columns and row counts of the checked scale) and a run's summary with
 * one empty result per execution. Enough for {@code load --from} and {@code run} to finish against the stand-in.
 */
public final class ScriptedJobOutputs implements JobExecutor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Supplier<AwsStandIn> standIn;
    private final DataSet dataSet;
    private final java.util.function.ToLongFunction<String> rows;

    /** {@code standIn} is asked for when a job runs (the stand-in is built with this executor). */
    public ScriptedJobOutputs(Supplier<AwsStandIn> standIn, double checkedScale) {
        this(standIn, new dev.benchbox.benchmark.TpchBenchmark().dataSet(), table -> TpchRowCounts.expected(table, checkedScale));
    }

    /** A check job's report holds the data set's columns and, per table, {@code rows}. */
    public ScriptedJobOutputs(Supplier<AwsStandIn> standIn, DataSet dataSet, java.util.function.ToLongFunction<String> rows) {
        this.standIn = standIn;
        this.dataSet = dataSet;
        this.rows = rows;
    }

    @Override
    public JobResult run(JobRequest request) throws Exception {
        // signed as the job (the execution role), not as the shell's caller
        try (S3Client s3 = standIn.get().configure(S3Client.builder()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AwsStandIn.JOB_ACCESS_KEY, "job-secret")))
                .build()) {
            JsonNode manifest = JSON.readTree(get(s3, request.entryPointArguments().get(0)));
            String output = manifest.path("output").asText();
            if (manifest.path("kind").asText().equals("check")) {
                ObjectNode report = JSON.createObjectNode();
                ObjectNode tables = report.putObject("tables");
                for (JsonNode table : manifest.path("tables")) {
                    ObjectNode t = tables.putObject(table.asText()).put("exists", true)
                            .put("rows", rows.applyAsLong(table.asText()));
                    ArrayNode columns = t.putArray("columns");
                    for (Column column : EmrDataGeneration.hiveColumns(dataSet, table.asText())) {
                        columns.addObject().put("name", column.name()).put("type", column.type());
                    }
                }
                put(s3, output + "check.json", report.toString());
                return JobResult.success();
            }
            if (manifest.has("queries")) {
                ObjectNode summary = JSON.createObjectNode().put("run_id", manifest.path("run_id").asText()).put("status", "SUCCEEDED")
                        .put("started", 1_000L).put("ended", 2_000L).put("spark_version", "3.5.0");
                ArrayNode executions = summary.putArray("executions");
                int warmups = manifest.path("warmups").asInt();
                int runs = warmups + manifest.path("iterations").asInt();
                for (int n = 0; n < runs; n++) {
                    boolean warmup = n < warmups;
                    int iteration = warmup ? n + 1 : n - warmups + 1;
                    for (JsonNode query : manifest.path("queries")) {
                        String name = "results/" + query.path("id").asText() + (warmup ? "-w" : "-") + iteration + ".json";
                        ObjectNode result = JSON.createObjectNode().put("id", query.path("id").asText()).put("iteration", iteration)
                                .put("warmup", warmup).put("ms", 1.5).put("rows", 0);
                        result.putArray("columns");
                        result.putArray("data");
                        put(s3, output + name, result.toString());
                        executions.addObject().put("result", name);
                    }
                }
                put(s3, output + "summary.json", summary.toString());
            }
            return JobResult.success();
        }
    }

    private static byte[] get(S3Client s3, String uri) {
        URI u = URI.create(uri);
        return s3.getObjectAsBytes(b -> b.bucket(u.getHost()).key(u.getPath().substring(1))).asByteArray();
    }

    private static void put(S3Client s3, String uri, String json) {
        URI u = URI.create(uri);
        s3.putObject(b -> b.bucket(u.getHost()).key(u.getPath().substring(1)), RequestBody.fromString(json));
    }
}
