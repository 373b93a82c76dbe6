package dev.benchbox.platform.emr.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.Column;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.WithAwsStandIn;
import dev.benchbox.tpch.AnswerValidator;
import dev.benchbox.tpch.Validation;
import dev.benchbox.tpch.ValidationMode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class JobResultsTest {

    // As the job writes it: decimals in plain notation, dates as ISO strings, NaN as a string.
    private static final String TYPED = """
            {"run_id":"r-1","id":"Q3","iteration":2,"warmup":false,"ms":12.345678,"rows":3,
             "columns":[{"name":"l_orderkey","type":"bigint"},{"name":"revenue","type":"decimal(38,4)"},
                        {"name":"o_orderdate","type":"date"},{"name":"o_shippriority","type":"int"},
                        {"name":"price","type":"decimal(15,2)"},{"name":"ratio","type":"double"},
                        {"name":"name","type":"string"},{"name":"flag","type":"boolean"},
                        {"name":"at","type":"timestamp"},{"name":"local","type":"timestamp_ntz"},
                        {"name":"small","type":"smallint"},{"name":"tiny","type":"tinyint"},{"name":"f","type":"float"}],
             "data":[[47714,267010.5894,"1995-03-11",0,1.50,0.1,"Customer#000000001",true,
                      "2024-01-02T03:04:05.123Z","2024-01-02T03:04:05",7,1,0.5],
                     [9007199254740993,123456789012345678901234.1234,null,null,0.10,"NaN","",false,null,null,null,null,null]],
             "error":null}
            """;

    @TempDir
    Path dir;

    @Test
    void valuesComeBackTypedByTheirSparkColumnType() {
        JobResults.Result result = JobResults.parseResult(TYPED);
        QueryExecution execution = result.execution();

        assertThat(execution.queryId()).isEqualTo("Q3");
        assertThat(execution.iteration()).isEqualTo(2);
        assertThat(execution.warmup()).isFalse();
        assertThat(execution.elapsedNanos()).isEqualTo(12_345_678L);
        assertThat(execution.rowCount()).as("rows counted by the job, more than kept").isEqualTo(3);
        assertThat(execution.failed()).isFalse();
        assertThat(execution.columns()).containsExactly("l_orderkey", "revenue", "o_orderdate", "o_shippriority",
                "price", "ratio", "name", "flag", "at", "local", "small", "tiny", "f");
        assertThat(result.columns()).startsWith(new Column("l_orderkey", "bigint"), new Column("revenue", "decimal(38,4)"));

        assertThat(execution.rows().get(0)).containsExactly(47714L, new BigDecimal("267010.5894"), LocalDate.of(1995, 3, 11),
                0, new BigDecimal("1.50"), 0.1, "Customer#000000001", true, Instant.parse("2024-01-02T03:04:05.123Z"),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5), (short) 7, (byte) 1, 0.5f);
        List<Object> second = execution.rows().get(1);
        assertThat(second.get(0)).as("beyond a double's precision, exactly").isEqualTo(9007199254740993L);
        assertThat(second.get(1)).as("beyond a double's precision, exactly")
                .isEqualTo(new BigDecimal("123456789012345678901234.1234"));
        assertThat(((BigDecimal) second.get(4)).toPlainString()).as("the column's scale kept").isEqualTo("0.10");
        assertThat(second.get(5)).isEqualTo(Double.NaN);
        assertThat(second.subList(2, 4)).containsOnlyNulls();
        assertThat(second.subList(8, 13)).containsOnlyNulls();
    }

    @Test
    void sparksPlanningPhasesComeBackInTheJobsOrderAndAreKeptInTheResult() {
        JobResults.Result result = JobResults.parseResult("""
                {"run_id":"r-1","id":"Q1","iteration":1,"warmup":false,"ms":250.5,"rows":0,
                 "phases_ms":{"parsing":3,"analysis":41,"optimization":17,"planning":9},"columns":[],"data":[],"error":null}
                """);
        assertThat(result.execution().phases()).containsExactly(java.util.Map.entry("parsing", 3L), java.util.Map.entry("analysis", 41L),
                java.util.Map.entry("optimization", 17L), java.util.Map.entry("planning", 9L));
        assertThat(JobResults.parseResult(TYPED).execution().phases()).isEmpty();

        var recorded = new dev.benchbox.results.QueryResult("Q1", 1, 250.5, 0, "validated", "exact", null).withPhases(result.execution().phases());
        assertThat(recorded.inStream(2).phasesMs()).isEqualTo(result.execution().phases());
    }

    @Test
    void sparksTaskMetricsComeBackInTheJobsOrderAndAreKeptInTheResult() {
        JobResults.Result result = JobResults.parseResult("""
                {"run_id":"r-1","id":"Q6","iteration":1,"warmup":false,"ms":80.5,"rows":1,
                 "metrics":{"input_rows":60175,"input_bytes":1912345,"shuffle_write_rows":2,"shuffle_write_bytes":118,
                 "shuffle_read_bytes":118,"spill_bytes":0},"columns":[],"data":[],"error":null}
                """);
        assertThat(result.execution().metrics().keySet()).containsExactlyElementsOf(dev.benchbox.results.SparkMetrics.NAMES);
        assertThat(result.execution().metrics()).containsEntry("input_rows", 60175L).containsEntry("input_bytes", 1912345L);
        assertThat(JobResults.parseResult(TYPED).execution().metrics()).isEmpty();

        var recorded = new dev.benchbox.results.QueryResult("Q6", 1, 80.5, 1, "validated", "exact", null)
                .withMetrics(result.execution().metrics()).withPhases(java.util.Map.of("parsing", 1L));
        assertThat(recorded.inStream(2).metrics()).isEqualTo(result.execution().metrics());
    }

    @Test
    void aFailedExecutionKeepsItsError() {
        QueryExecution execution = JobResults.parseResult("""
                {"run_id":"r-1","id":"broken","iteration":0,"warmup":true,"ms":3.000001,"rows":0,"columns":[],"data":[],
                 "error":"[TABLE_OR_VIEW_NOT_FOUND] The table or view `nosuch` cannot be found."}
                """).execution();

        assertThat(execution.failed()).isTrue();
        assertThat(execution.warmup()).isTrue();
        assertThat(execution.error()).startsWith("[TABLE_OR_VIEW_NOT_FOUND]");
        assertThat(execution.elapsedNanos()).isEqualTo(3_000_001L);
        assertThat(execution.rows()).isEmpty();
    }

    @Test
    void sparkAnswersValidateLikeDuckDbs() {
        QueryExecution q6 = JobResults.parseResult("""
                {"run_id":"r","id":"Q6","iteration":1,"warmup":false,"ms":1.0,"rows":1,
                 "columns":[{"name":"revenue","type":"decimal(38,4)"}],"data":[[1193053.2253]],"error":null}
                """).execution();

        Validation validation = new AnswerValidator().validate(6, 0.01, ValidationMode.EXACT, q6.columns(), q6.rows());

        assertThat(validation.status()).as(validation.detail()).isEqualTo(Validation.Status.PASSED);
    }

    @Test
    @WithAwsStandIn
    void readsTheSummaryAndEveryResultFileFromS3(AwsStandIn aws) {
        try (S3Client s3 = aws.s3Client()) {
            String output = "s3://" + aws.bucket() + "/staging/runs/r-1/";
            put(s3, aws.bucket(), "staging/runs/r-1/results/Q3-warmup-1.json", TYPED.replace("\"iteration\":2,\"warmup\":false", "\"iteration\":0,\"warmup\":true"));
            put(s3, aws.bucket(), "staging/runs/r-1/results/Q3-1.json", TYPED.replace("\"iteration\":2", "\"iteration\":1"));

            assertThatThrownBy(() -> JobResults.read(s3, output)).isInstanceOf(BenchboxException.class)
                    .hasMessageContaining("summary.json").hasMessageContaining("did not finish");

            put(s3, aws.bucket(), "staging/runs/r-1/summary.json", """
                    {"run_id":"r-1","status":"SUCCEEDED","started":1700000000000,"ended":1700000012345,"spark_version":"3.5.7",
                     "executions":[
                      {"id":"Q3","iteration":0,"warmup":true,"ms":12.345678,"rows":3,"error":null,"result":"results/Q3-warmup-1.json"},
                      {"id":"Q3","iteration":1,"warmup":false,"ms":12.345678,"rows":3,"error":null,"result":"results/Q3-1.json"}]}
                    """);
            JobResults results = JobResults.read(s3, output);

            assertThat(results.runId()).isEqualTo("r-1");
            assertThat(results.status()).isEqualTo(JobResults.Status.SUCCEEDED);
            assertThat(results.sparkVersion()).isEqualTo("3.5.7");
            assertThat(results.started()).isEqualTo(Instant.ofEpochMilli(1700000000000L));
            assertThat(results.ended()).isEqualTo(Instant.ofEpochMilli(1700000012345L));
            assertThat(results.executions()).extracting(QueryExecution::iteration, QueryExecution::warmup)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(0, true), org.assertj.core.groups.Tuple.tuple(1, false));
            assertThat(results.executions().get(1).rows().get(0).get(1)).isEqualTo(new BigDecimal("267010.5894"));
        }
    }

    private static void put(S3Client s3, String bucket, String key, String body) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
    }
}
