package dev.benchbox.script;

import dev.benchbox.IntegrationTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.RowSink;
import dev.benchbox.platform.duckdb.DuckDbPlatform;
import dev.benchbox.platform.emr.job.JobResults;
import dev.benchbox.shell.CommandLineRunner;
import dev.benchbox.shell.ExitStatus;
import dev.benchbox.shell.ShellTestSupport;
import dev.benchbox.shell.TestEnvironment;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.StandInConfig;
import dev.benchbox.tpcds.TpcdsAnswerValidator;
import dev.benchbox.tpcds.TpcdsQueries;
import dev.benchbox.tpcds.TpcdsQuery;
import dev.benchbox.tpcds.TpcdsSchema;
import dev.benchbox.tpch.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * TPC-DS on EMR Serverless end to end (issue 12), against the stand-in whose job runs execute the packaged job on
 * real Spark 3.5: {@code load tpcds} is one generation job run (io.trino.tpcds inside it, a sales table and its
 * returns written by the same parts) whose tables equal DuckDB's own {@code load tpcds} (types and every value),
 * {@code run tpcds} is one job run for all 103 statements, and every one of Spark's 99 answers equals DuckDB's on the
 * very Parquet files the cluster wrote.
 *
 * <p>SF 0.01: the kit defines SF 1 and up, so there are no reference answers; the cross-engine rules are those of
 * {@link TpcdsAnswerValidator#sameAnswer}. One test method, so the two job runs (tens of seconds each here) run once.
 */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
@IntegrationTest
class TpcdsEmrPowerRunIT {
    private static final String CONNECT = "connect emr-serverless --endpoint-url ${BBX_ENDPOINT} --region us-east-1 "
            + "--s3-staging-dir s3://${BBX_BUCKET}/ds/ --execution-role-arn ${BBX_ROLE} --create-application\n";

    @TempDir
    static Path dir;
    static AwsStandIn aws;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("benchbox.results-dir", () -> dir.resolve("results").toString());
    }

    @Autowired
    CommandLineRunner commandLine;
    @Autowired
    ExitStatus exitStatus;
    @Autowired
    Terminal terminal;

    @BeforeAll
    static void startStandIn() {
        // Q69 broadcasts customer_demographics (1.9M rows at every scale): it needs more than 1 GB of heap, which the
        // stand-in's Spark JVM has because it gets the 14 GB the job asks for, capped to this machine (SparkHeap)
        aws = StandInScripts.start(StandInConfig.forTests(dir.resolve("aws")));
    }

    @AfterAll
    static void stopStandIn() {
        aws.close();
    }

    @BeforeEach
    void clear() {
        ShellTestSupport.takeOutput(terminal);
        TestEnvironment.VARIABLES.clear();
        StandInScripts.exportVariables(aws);
    }

    private long startJobRuns() {
        return aws.requests().stream().filter(r -> r.operation().equals("StartJobRun")).count();
    }

    @Test
    void generationIsOneJobRunThePowerRunIsOneJobRunAndSparksAnswersEqualDuckDbsOnTheSameData() throws Exception {
        long before = startJobRuns();
        Path script = dir.resolve("tpcds.bbx");
        Files.writeString(script, CONNECT + """
                create-schema tpcds_emr
                load tpcds --scale 0.01 --parts 2
                run tpcds --scale 0.01 --iterations 1
                """);
        commandLine.run(new String[] {"--script", script.toString()});
        String output = ShellTestSupport.takeOutput(terminal);

        assertThat(exitStatus.code()).as(output).isZero();
        assertThat(output)
                .containsPattern("Generating TPC-DS SF0.01 in the cluster \\(TPC-DS is always generated in the cluster on "
                        + "emr-serverless\\): \\d+ parts \\(call_center 1, catalog_page 1, catalog_returns 2, catalog_sales 2, ")
                .containsPattern("generated in the cluster by job run \\w+: \\d+ parts written; data in s3://[\\w-]+/ds/data/tpcds/sf0.01/")
                .containsPattern("store_sales +\\d[\\d,]* rows")
                .containsPattern("TPC-DS SF0.01 on emr-serverless \\S+: 99 query executions, 23 validated \\(23 exact\\), 76 ran but not validated \\(no reference answers at SF 0.01\\), 0 failed, 0 errors")
                .doesNotContain("Exception");
        assertThat(startJobRuns() - before).as("one generation job run, one power run").isEqualTo(2);

        JsonNode results;
        try (Stream<Path> files = Files.list(dir.resolve("results"))) {
            Path file = files.filter(p -> p.getFileName().toString().startsWith("tpcds_sf0.01_emr-serverless_")).findFirst().orElseThrow();
            results = new ObjectMapper().readTree(file.toFile());
        }
        assertThat(results.get("job_runs")).hasSize(1);
        assertThat(results.get("queries")).hasSize(99);

        // the cluster's Parquet: a sales table and its returns in the same two parts, each committed by a marker
        Path data = aws.localPath(aws.bucket(), "ds/data/tpcds/sf0.01");
        for (String table : List.of("store_sales", "store_returns", "catalog_sales", "catalog_returns", "web_sales", "web_returns")) {
            try (Stream<Path> files = Files.list(data.resolve(table))) {
                assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).as(table)
                        .containsExactly("part-00001-of-00002.parquet", "part-00002-of-00002.parquet");
            }
            assertThat(data.resolve("_parts").resolve(table).resolve("part-00002-of-00002.json")).as(table + " marker").exists();
        }

        // the cluster's tables are the DuckDB load's, column types and every value, although split into other parts
        Path local = dir.resolve("local");
        writeLocalLoad(local);
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duckdb.createStatement()) {
            for (String table : TpcdsSchema.TABLES) {
                String clusterFiles = "read_parquet('" + data.resolve(table) + "/*.parquet')";
                String localFiles = "read_parquet('" + local.resolve(table + ".parquet") + "')";
                assertThat(describe(s, clusterFiles)).as(table + " column types").isEqualTo(describe(s, localFiles));
                assertThat(checksums(s, clusterFiles, table)).as(table + " rows and column checksums")
                        .isEqualTo(checksums(s, localFiles, table));
            }
        }

        Map<String, QueryExecution> spark = sparkAnswers();
        assertThat(spark).hasSize(103);
        List<String> differences = new ArrayList<>();
        int compared = 0;
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duckdb.createStatement()) {
            // NULLs sort as Spark sorts them, as the DuckDB platform sets it (an earlier run without it: 14 statements
            // differed only in where their NULL rows came)
            s.execute(dev.benchbox.tpcds.TpcdsReferenceAnswers.NULL_ORDER);
            for (String table : TpcdsSchema.TABLES) {
                s.execute("CREATE VIEW " + table + " AS SELECT * FROM read_parquet('" + data.resolve(table) + "/*.parquet')");
            }
            assertThat(count(s, "store_returns")).as("returns were generated with their sales").isPositive();
            for (TpcdsQuery query : TpcdsQueries.statements(TpcdsQueries.all())) {
                QueryExecution sparkAnswer = spark.get(query.name());
                assertThat(sparkAnswer.error()).as(query.name()).isNull();
                List<List<Object>> duckdbRows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(query.sql())) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>(columns);
                        for (int c = 1; c <= columns; c++) {
                            row.add(rs.getObject(c));
                        }
                        duckdbRows.add(row);
                    }
                }
                Validation same = TpcdsAnswerValidator.sameAnswer(query, sparkAnswer.columns(), duckdbRows, sparkAnswer.rows());
                if (same.status() != Validation.Status.PASSED) {
                    differences.add(query.name() + ": " + same.detail());
                }
                compared++;
            }
        }
        assertThat(compared).isEqualTo(103);
        assertThat(differences).as("statements whose Spark answer differs from DuckDB's").isEmpty();
    }

    /** {@code load tpcds} on DuckDB (on this machine, in other chunks), each table written as Parquet by DuckDB. */
    private static void writeLocalLoad(Path target) throws Exception {
        Files.createDirectories(target);
        try (DuckDbPlatform duckdb = DuckDbPlatform.open(null)) {
            duckdb.createSchema("local");
            duckdb.load("local", dev.benchbox.benchmark.Benchmarks.get("tpcds").dataSet(), dev.benchbox.dataset.Scale.of(0.01), TpcdsSchema.TABLES, LoadProgress.NONE);
            for (String table : TpcdsSchema.TABLES) {
                duckdb.execute("local", "COPY local." + table + " TO '" + target.resolve(table + ".parquet") + "' (FORMAT parquet)",
                        RowSink.DISCARD);
            }
        }
    }

    private static List<String> describe(Statement s, String source) throws Exception {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + source)) {
            while (rs.next()) {
                columns.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return columns;
    }

    /** The row count and, per column, the sum of its values' hashes: order-independent, sensitive to every value. */
    private static List<String> checksums(Statement s, String source, String table) throws Exception {
        StringBuilder sql = new StringBuilder("SELECT count(*)");
        for (String column : TpcdsSchema.columns(table)) {
            sql.append(", sum(hash(").append(column).append(")::HUGEINT)");
        }
        List<String> sums = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql.append(" FROM ").append(source).toString())) {
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                sums.add(rs.getString(i));
            }
        }
        return sums;
    }

    private static long count(Statement s, String table) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Each statement's answer as the power run's job wrote it (the measured iteration), by statement id. */
    private static Map<String, QueryExecution> sparkAnswers() throws Exception {
        Path runs = aws.localPath(aws.bucket(), "ds/runs");
        Path run;
        try (Stream<Path> dirs = Files.list(runs)) {
            run = dirs.filter(d -> d.getFileName().toString().startsWith("r-")).findFirst().orElseThrow();
        }
        JsonNode summary = new ObjectMapper().readTree(run.resolve(JobResults.SUMMARY).toFile());
        Map<String, QueryExecution> answers = new LinkedHashMap<>();
        for (JsonNode execution : summary.path("executions")) {
            QueryExecution result = JobResults.parseResult(Files.readString(run.resolve(execution.path("result").asText()))).execution();
            if (!result.warmup()) {
                answers.put(result.queryId(), result);
            }
        }
        return answers;
    }
}
