package dev.benchbox.script;

import dev.benchbox.IntegrationTest;
import dev.benchbox.dataset.Scale;
import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.duckdb.DuckDbPlatform;
import dev.benchbox.shell.CommandLineRunner;
import dev.benchbox.shell.ExitStatus;
import dev.benchbox.shell.ShellTestSupport;
import dev.benchbox.shell.TestEnvironment;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.StandInConfig;
import dev.benchbox.tpch.TpchSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code load tpch} generated inside EMR Serverless (issue 10), end to end against the stand-in, whose job runs
 * execute the packaged job (io.trino.tpch inside it) on real Spark 3.5: the Parquet it writes equals local
 * generation's table by table and column by column (both read by DuckDB), a power run on it validates 22 of 22,
 * and a load killed after some parts resumes by generating only the missing ones. Each Spark job run is tens of
 * seconds here: SF 0.01, few parts (and one SF 0.1 generation, compared the same way).
 */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
// ExitStatus only ever goes from 0 to a failure, as a process's does: each test gets a fresh one with a fresh context
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@IntegrationTest
class ClusterGenerationIT {
    private static final String CONNECT = "connect emr-serverless --endpoint-url ${BBX_ENDPOINT} --region us-east-1 "
            + "--s3-staging-dir s3://${BBX_BUCKET}/%s/ --execution-role-arn ${BBX_ROLE} --create-application\n";

    @TempDir
    static Path dir;
    static AwsStandIn aws;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("benchbox.results-dir", () -> dir.resolve("results").toString());
        // generated data goes to this test's own data cache, not the user's
        registry.add("BENCHBOX_HOME", () -> dir.resolve("home").toString());
    }

    @Autowired
    CommandLineRunner commandLine;
    @Autowired
    ExitStatus exitStatus;
    @Autowired
    Terminal terminal;

    @BeforeAll
    static void startStandIn() {
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

    private String script(String name, String text) throws Exception {
        Path file = dir.resolve(name + ".bbx");
        Files.writeString(file, text);
        commandLine.run(new String[] {"--script", file.toString()});
        return ShellTestSupport.takeOutput(terminal);
    }

    private long startJobRuns() {
        return aws.requests().stream().filter(r -> r.operation().equals("StartJobRun")).count();
    }

    @Test
    void clusterGeneratedDataEqualsLocalGenerationAndAPowerRunOnItValidates22Of22() throws Exception {
        long before = startJobRuns();
        String output = script("generate", CONNECT.formatted("gen") + """
                create-schema tpch_gen
                load tpch --scale 0.01 --generate cluster --parts 2
                run tpch --scale 0.01 --iterations 1 --spark-conf spark.sql.shuffle.partitions=6
                cost
                """);

        assertThat(exitStatus.code()).as(output).isZero();
        assertThat(output)
                .contains("Generating TPC-H SF0.01 in the cluster (--generate cluster): 14 parts (region 1, nation 1, supplier 2, "
                        + "customer 2, part 2, partsupp 2, orders 2, lineitem 2) on 4 executors of 4 vCPU / 16 GB / 20 GB disk, estimated $")
                .containsPattern("job run \\w+ RUNNING after")
                .containsPattern("generated in the cluster by job run \\w+: 14 parts written; data in s3://[\\w-]+/gen/data/tpch/sf0.01/")
                .containsPattern("lineitem +60,175 rows")
                .contains("22 query executions, 22 validated (22 exact), 0 failed, 0 errors")
                // the generation job run is in the ledger as a load
                .containsPattern("\\w+ +benchbox load g-[\\w-]+ +SUCCESS")
                .doesNotContain("Exception");
        assertThat(startJobRuns() - before).as("one generation job run, one power run").isEqualTo(2);
        // the job runs carried the settings tuned to the work (real Spark ran the 22 queries with them), the user's over them
        List<String> submitted = aws.requests().stream().filter(r -> r.operation().equals("StartJobRun"))
                .map(r -> r.input().path("jobDriver").path("sparkSubmit").path("sparkSubmitParameters").asText()).toList();
        assertThat(submitted.get(submitted.size() - 2)).contains("--conf spark.executor.instances=4 --conf spark.dynamicAllocation.maxExecutors=4 "
                + "--conf spark.speculation=false");
        assertThat(submitted.get(submitted.size() - 1)).contains("--conf spark.sql.shuffle.partitions=6 ",
                "--conf spark.sql.adaptive.skewJoin.enabled=true", "--conf spark.sql.autoBroadcastJoinThreshold=28m");
        // and the results record them as the run's configuration
        Path resultsFile;
        try (Stream<Path> files = Files.walk(dir.resolve("results"))) {
            resultsFile = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        var settings = new com.fasterxml.jackson.databind.ObjectMapper().readTree(resultsFile.toFile()).path("configuration")
                .path("engine").path("settings");
        assertThat(settings.path("spark.sql.shuffle.partitions").asText()).isEqualTo("6");
        assertThat(settings.path("spark.sql.broadcastTimeout").asText()).isEqualTo("300");
        assertThat(settings.path("spark.executor.instances").asText()).isEqualTo("3");

        assertEqualToLocalGeneration(aws.localPath(aws.bucket(), "gen/data/tpch/sf0.01"), 0.01, 2);
    }

    /** SF 0.1 (866,602 rows in 14 parts): the generator split into parts gives local generation's rows at ten times the scale. */
    @Test
    void clusterGenerationAtScaleOneTenthEqualsLocalGeneration() throws Exception {
        String output = script("generate-sf01", CONNECT.formatted("gen01") + """
                create-schema tpch_gen01
                load tpch --scale 0.1 --generate cluster --parts 2
                """);
        assertThat(exitStatus.code()).as(output).isZero();
        assertThat(output).containsPattern("lineitem +600,572 rows").contains("Loaded TPC-H SF0.1 into tpch_gen01: 8 tables, 866,602 rows");
        assertEqualToLocalGeneration(aws.localPath(aws.bucket(), "gen01/data/tpch/sf0.1"), 0.1, 2);
    }

    /** Per table: the files are the parts, and the column types, row count and a checksum per column equal local generation's. */
    private void assertEqualToLocalGeneration(Path cluster, double scale, int parts) throws Exception {
        Path local = dir.resolve("local-sf" + Scale.of(scale).text());
        writeLocalGeneration(local, scale);
        String partName = "part-0000[1-" + parts + "]-of-0000" + parts + "\\.parquet";
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duckdb.createStatement()) {
            for (String table : TpchSchema.TABLES) {
                try (Stream<Path> files = Files.list(cluster.resolve(table))) {
                    assertThat(files.map(f -> f.getFileName().toString()).toList()).as(table)
                            .allMatch(name -> name.matches(partName) || name.equals("part-00001-of-00001.parquet"));
                }
                String clusterFiles = "read_parquet('" + cluster.resolve(table) + "/*.parquet')";
                String localFiles = "read_parquet('" + local.resolve(table) + "/*.parquet')";
                assertThat(describe(s, clusterFiles)).as(table + " column types").isEqualTo(describe(s, localFiles));
                assertThat(checksums(s, clusterFiles, table)).as(table + " rows and column checksums")
                        .isEqualTo(checksums(s, localFiles, table));
            }
        }
    }

    @Test
    void aLoadKilledAfterSomePartsResumesGeneratingOnlyTheMissingParts() throws Exception {
        aws.faults().killNextJobAfterCommittedParts(2);
        String load = "load tpch --scale 0.01 --generate cluster --parts 3 --tables orders,lineitem --schema tpch_resume\n";
        String killed = script("killed", CONNECT.formatted("resume") + "create-schema tpch_resume\n" + load);
        assertThat(exitStatus.code()).as(killed).isNotZero();
        assertThat(killed).containsPattern("job run \\w+ FAILED: .*killed after 2 committed parts");

        Path markers = aws.localPath(aws.bucket(), "resume/data/tpch/sf0.01/_parts");
        Map<Path, FileTime> committed = new LinkedHashMap<>();
        for (String table : List.of("orders", "lineitem")) {
            Path tableMarkers = markers.resolve(table);
            if (Files.isDirectory(tableMarkers)) {
                try (Stream<Path> files = Files.list(tableMarkers)) {
                    // a marker the kill caught while it was being created (empty) does not commit its part
                    for (Path marker : files.filter(f -> f.toFile().length() > 0).toList()) {
                        Path data = aws.localPath(aws.bucket(), "resume/data/tpch/sf0.01/" + table + "/"
                                + marker.getFileName().toString().replace(".json", ".parquet"));
                        committed.put(data, Files.getLastModifiedTime(data));
                    }
                }
            }
        }
        assertThat(committed).as("parts committed before the kill").hasSizeBetween(2, 5);

        String resumed = script("resumed", CONNECT.formatted("resume") + load);
        // (the exit status stays non-zero from the killed script: the output says whether this one succeeded)
        assertThat(resumed).contains("Loaded TPC-H SF0.01 into tpch_resume: 2 tables, 75,175 rows");
        int regenerated = 6 - committed.size();
        assertThat(resumed).contains(regenerated + " part" + (regenerated == 1 ? "" : "s") + " written, " + committed.size()
                        + " already committed by an earlier run (kept)")
                .containsPattern("orders +15,000 rows").containsPattern("lineitem +60,175 rows");
        for (Map.Entry<Path, FileTime> part : committed.entrySet()) {
            assertThat(Files.getLastModifiedTime(part.getKey())).as(part.getKey() + " was not written again").isEqualTo(part.getValue());
        }
    }

    @Test
    void fromRegistersAnExistingDataSetInPlaceAfterACheckAndNothingOfOneThatFailsIt() throws Exception {
        // someone's SF 0.01 already in S3, one folder per table (written by DuckDB straight into the blob store)
        Path good = aws.localPath(aws.bucket(), "existing/good");
        writeLocalGeneration(good, 0.01);
        Path bad = aws.localPath(aws.bucket(), "existing/bad");
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duckdb.createStatement()) {
            for (String table : List.of("region", "nation", "customer")) {
                Files.createDirectories(bad.resolve(table));
            }
            String from = "read_parquet('" + good + "/%s/*.parquet')";
            s.execute("COPY (SELECT * FROM " + from.formatted("region") + " LIMIT 4) TO '" + bad.resolve("region/data.parquet") + "' (FORMAT parquet)");
            s.execute("COPY (SELECT n_nationkey::INTEGER AS n_nationkey, n_name, n_regionkey, n_comment FROM " + from.formatted("nation")
                    + ") TO '" + bad.resolve("nation/data.parquet") + "' (FORMAT parquet)");
            s.execute("COPY (SELECT * FROM " + from.formatted("customer") + ") TO '" + bad.resolve("customer/data.parquet") + "' (FORMAT parquet)");
        }

        String output = script("from", CONNECT.formatted("from") + """
                create-schema tpch_from
                create-schema tpch_bad
                load tpch --scale 0.01 --from s3://${BBX_BUCKET}/existing/good/ --schema tpch_from
                load tpch --scale 0.01 --tables region,nation,orders,customer --from s3://${BBX_BUCKET}/existing/bad/ --schema tpch_bad
                """);
        String bucket = aws.bucket();
        assertThat(exitStatus.code()).as(output).isNotZero();
        assertThat(output).containsPattern("registered in place from s3://" + bucket + "/existing/good/ after job run \\w+ checked row "
                        + "counts and column types \\(nothing copied\\)")
                .containsPattern("lineitem +60,175 rows")
                .contains("table 'region' at s3://" + bucket + "/existing/bad/region/: 4 rows, expected 5 for SF 0.01; "
                        + "table 'nation' at s3://" + bucket + "/existing/bad/nation/: column n_nationkey is int, expected bigint; "
                        + "table 'orders' at s3://" + bucket + "/existing/bad/orders/: no Parquet files there; nothing registered");
        assertThat(aws.glue().snapshot()).filteredOn(t -> t.database().equals("tpch_from")).hasSize(8)
                .allSatisfy(t -> assertThat(t.location()).startsWith("s3://" + bucket + "/existing/good/"));
        assertThat(aws.glue().snapshot()).filteredOn(t -> t.database().equals("tpch_bad")).isEmpty();
    }

    /** Today's path: generated in an in-memory DuckDB, each table written as Parquet by DuckDB. */
    private static void writeLocalGeneration(Path target, double scale) throws Exception {
        try (DuckDbPlatform duckdb = DuckDbPlatform.open(null)) {
            duckdb.createSchema("local");
            duckdb.load("local", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet(), dev.benchbox.dataset.Scale.of(scale), TpchSchema.TABLES, LoadProgress.NONE);
            for (String table : TpchSchema.TABLES) {
                Files.createDirectories(target.resolve(table));
                duckdb.execute("local", "COPY local." + table + " TO '" + target.resolve(table).resolve("data.parquet")
                        + "' (FORMAT parquet)", new dev.benchbox.platform.RowSink() {
                            @Override
                            public void begin(List<dev.benchbox.dataset.Column> columns) {
                            }

                            @Override
                            public void row(List<?> values) {
                            }

                            @Override
                            public void end() {
                            }
                        });
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
        List<String> sums = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT count(*)");
        for (var column : TpchSchema.columns(table)) {
            sql.append(", sum(hash(").append(column.name()).append(")::HUGEINT)");
        }
        try (ResultSet rs = s.executeQuery(sql.append(" FROM ").append(source).toString())) {
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                sums.add(rs.getString(i));
            }
        }
        return sums;
    }
}
