package dev.benchbox.script;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.shell.CommandLineRunner;
import dev.benchbox.shell.ExitStatus;
import dev.benchbox.shell.ShellTestSupport;
import dev.benchbox.shell.TestEnvironment;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.WithAwsStandIn;
import dev.benchbox.standin.ModelValidator;
import dev.benchbox.standin.ServiceModel;
import dev.benchbox.standin.StandInConfig;
import dev.benchbox.tpch.TpchSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jline.terminal.Terminal;
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
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * EMR Serverless end to end, as {@code benchbox --script FILE} and one-shot commands run it: a {@code .bbx} against
 * the AWS stand-in through the real SDK clients, and the seed's dry-run example verbatim.
 */
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
// ExitStatus only ever goes from 0 to a failure, as a process's does: each test gets a fresh one with a fresh context
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@WithAwsStandIn
class EmrBbxEndToEndTest {
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
    static void credentials() {
        StandInScripts.useDummyCredentials();
    }

    @BeforeEach
    void clear(AwsStandIn standIn) {
        aws = standIn;
        ShellTestSupport.takeOutput(terminal);
        TestEnvironment.VARIABLES.clear();
    }

    @Test
    void bbxConnectsCreatesTheSchemaAndLoadsTpchIntoS3AndGlue() throws Exception {
        Path script = Path.of("src/test/resources/bbx/emr-standin-sf001.bbx");
        StandInScripts.exportVariables(aws);

        commandLine.run(new String[] {"--script", script.toString()});
        String output = ShellTestSupport.takeOutput(terminal);

        assertThat(exitStatus.code()).as(output).isZero();
        assertThat(output).contains("created by this session").contains("Schema tpch_emr ready")
                .contains("S3: 8 files uploaded").contains("Loaded TPC-H SF0.01 into tpch_emr: 8 tables, 86,805 rows")
                .contains("customer\nlineitem\nnation\norders\npart\npartsupp\nregion\nsupplier\n")
                .contains("l_extendedprice  decimal(15,2)").contains("Application:   ").contains("(bbx-e2e)")
                .doesNotContain("Exception").doesNotContain(AwsStandIn.SECRET_KEY);
        String prefix = "bbx/data/tpch/sf0.01/";
        try (S3Client s3 = aws.s3Client(); GlueClient glue = aws.glueClient()) {
            for (String table : TpchSchema.TABLES) {
                List<S3Object> objects = s3.listObjectsV2(b -> b.bucket(aws.bucket()).prefix(prefix + table + "/")).contents();
                assertThat(objects).as(table).isNotEmpty().allSatisfy(o -> assertThat(o.key()).matches(".*/part-\\d+\\.parquet"));
                Table t = glue.getTable(b -> b.databaseName("tpch_emr").name(table)).table();
                assertThat(t.tableType()).isEqualTo("EXTERNAL_TABLE");
                assertThat(t.storageDescriptor().location()).isEqualTo("s3://" + aws.bucket() + "/" + prefix + table + "/");
                assertThat(t.storageDescriptor().serdeInfo().serializationLibrary()).isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
                assertThat(t.storageDescriptor().inputFormat()).isEqualTo("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
                assertThat(t.storageDescriptor().outputFormat()).isEqualTo("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat");
                assertThat(t.parameters()).containsEntry("classification", "parquet").containsEntry("benchbox.tpch.scale", "0.01")
                        .containsKey("numRows");
                assertThat(t.storageDescriptor().columns()).extracting(c -> c.name())
                        .containsExactlyElementsOf(TpchSchema.columns(table).stream().map(c -> c.name()).toList());
            }
            Table orders = glue.getTable(b -> b.databaseName("tpch_emr").name("orders")).table();
            assertThat(orders.parameters()).containsEntry("numRows", "15000");
            assertThat(orders.storageDescriptor().columns()).extracting(c -> c.name() + ":" + c.type()).containsExactly(
                    "o_orderkey:bigint", "o_custkey:bigint", "o_orderstatus:string", "o_totalprice:decimal(15,2)",
                    "o_orderdate:date", "o_orderpriority:string", "o_clerk:string", "o_shippriority:int", "o_comment:string");
        }
        // the script ends connected; the session closes at shutdown and stops the application it created
    }

    /** Every request file of a preview checks against the AWS models and holds no credentials. */
    private static void validAgainstTheModels(Path preview, List<String> names) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ServiceModel emrModel = ServiceModel.load(StandInConfig.defaultModelsDir().resolve(StandInConfig.EMR_MODEL));
        ServiceModel glueModel = ServiceModel.load(StandInConfig.defaultModelsDir().resolve(StandInConfig.GLUE_MODEL));
        for (String name : names.stream().filter(n -> n.matches("\\d+-.*\\.json")).toList()) {
            String operation = name.replaceFirst("^\\d+-", "").replaceFirst("[-.].*$", "");
            ServiceModel model = emrModel.operation(operation).isPresent() ? emrModel : glueModel;
            JsonNode request = mapper.readTree(preview.resolve(name).toFile());
            List<String> errors = new ModelValidator(model).validate(model.operation(operation).orElseThrow().inputShape(), request);
            assertThat(errors).as(name).isEmpty();
            String text = Files.readString(preview.resolve(name));
            assertThat(text).doesNotContain(AwsStandIn.ACCESS_KEY).doesNotContain(AwsStandIn.SECRET_KEY)
                    .doesNotContainIgnoringCase("secret").doesNotContainIgnoringCase("accessKey");
        }
    }

    @Test
    void dryRunsOnASpark4AndA6xApplicationAreValidAgainstTheModelsAndCarryWhatTheReleaseNeeds() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        for (String release : List.of("emr-spark-8.0.0", "emr-6.15.0")) {
            int before = aws.requests().size();
            Path preview = dir.resolve("preview-" + release);
            commandLine.run(new String[] {"run", "--platform", "emr-serverless", "--benchmark", "tpch", "--queries", "6",
                    "--dry-run", preview.toString(),
                    "--platform-option", "s3_staging_dir=s3://my-bucket/benchbox/",
                    "--platform-option", "release_label=" + release, "--platform-option", "architecture=arm64",
                    "--platform-option", "execution_role_arn=arn:aws:iam::111122223333:role/EMRServerlessJobRole"});
            String output = ShellTestSupport.takeOutput(terminal);
            assertThat(output).as(release).contains("nothing was sent to AWS");
            assertThat(aws.requests()).hasSize(before);
            List<String> names;
            try (Stream<Path> files = Files.list(preview)) {
                names = files.map(p -> p.getFileName().toString()).sorted().toList();
            }
            validAgainstTheModels(preview, names);
            String createFile = names.stream().filter(n -> n.startsWith("01-CreateApplication-")).findFirst().orElseThrow();
            assertThat(mapper.readTree(preview.resolve(createFile).toFile()).at("/releaseLabel").asText()).isEqualTo(release);
            String start = names.stream().filter(n -> n.contains("-StartJobRun-")).findFirst().orElseThrow();
            JsonNode submit = mapper.readTree(preview.resolve(start).toFile()).at("/jobDriver/sparkSubmit");
            dev.benchbox.platform.emr.job.ReleaseLabel.SparkLine line = release.startsWith("emr-spark-8")
                    ? dev.benchbox.platform.emr.job.ReleaseLabel.SparkLine.SPARK_4_0 : dev.benchbox.platform.emr.job.ReleaseLabel.SparkLine.SPARK_3_5;
            assertThat(submit.at("/entryPoint").asText()).isEqualTo("s3://my-bucket/benchbox/jobs/"
                    + dev.benchbox.platform.emr.job.JobJar.fromClasspath(line).name());
            String parameters = submit.at("/sparkSubmitParameters").asText();
            if (release.startsWith("emr-6")) {
                // 6.x runs Java 8 unless told: AWS's documented JAVA_HOME settings, for the architecture
                assertThat(parameters).contains("--conf spark.emr-serverless.driverEnv.JAVA_HOME=/usr/lib/jvm/java-17-amazon-corretto.aarch64/")
                        .contains("--conf spark.executorEnv.JAVA_HOME=/usr/lib/jvm/java-17-amazon-corretto.aarch64/");
            } else {
                assertThat(parameters).doesNotContain("JAVA_HOME");
            }
            // Spark 4 runs ANSI SQL unless told: the job runs the non-ANSI semantics Spark 3.5 has
            if (release.startsWith("emr-spark-8")) {
                assertThat(parameters).contains("--conf spark.sql.ansi.enabled=false");
            } else {
                assertThat(parameters).doesNotContain("spark.sql.ansi.enabled");
            }
        }
    }

    @Test
    void seedDryRunExampleWritesEveryRequestAndQueryWithNoAwsCallAndNoCredentials() throws Exception {
        int before = aws.requests().size();
        Path preview = dir.resolve("preview");
        commandLine.run(new String[] {"run", "--platform", "emr-serverless", "--benchmark", "tpch", "--dry-run", preview.toString(),
                "--platform-option", "s3_staging_dir=s3://my-bucket/benchbox/",
                "--platform-option", "execution_role_arn=arn:aws:iam::111122223333:role/EMRServerlessJobRole"});
        String output = ShellTestSupport.takeOutput(terminal);

        assertThat(exitStatus.code()).as(output).isZero();
        assertThat(output).contains("Previewed TPC-H SF0.01").contains("nothing was sent to AWS");
        assertThat(aws.requests()).hasSize(before);
        List<String> names;
        try (Stream<Path> files = Files.list(preview)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        // first, the list of the files it wrote, which lets --replace recognise the preview
        assertThat(names.get(0)).isEqualTo(".benchbox-dry-run");
        names = names.subList(1, names.size());
        assertThat(names.get(0)).matches("01-CreateApplication-benchbox-\\d{8}-\\d{6}\\.json");
        assertThat(names.subList(1, names.size())).containsExactly("02-StartApplication.json", "03-CreateDatabase-benchbox.json",
                "04-CreateTable-region.json", "05-CreateTable-nation.json", "06-CreateTable-supplier.json", "07-CreateTable-customer.json",
                "08-CreateTable-part.json", "09-CreateTable-partsupp.json", "10-CreateTable-orders.json", "11-CreateTable-lineitem.json",
                "12-StartJobRun-power-run.json", "queries", "runs", "tables", "uploads.json");
        try (Stream<Path> queries = Files.list(preview.resolve("queries"))) {
            assertThat(queries.count()).isEqualTo(22);
        }
        assertThat(Files.readString(preview.resolve("queries/Q6.sql"))).contains("sum(l_extendedprice * l_discount)");
        assertThat(Files.readString(preview.resolve("tables/lineitem.sql"))).contains("STORED AS PARQUET")
                .contains("LOCATION 's3://my-bucket/benchbox/data/tpch/sf0.01/lineitem/'");

        ObjectMapper mapper = new ObjectMapper();
        validAgainstTheModels(preview, names);
        JsonNode create = mapper.readTree(preview.resolve(names.get(0)).toFile());
        assertThat(create.at("/type").asText()).isEqualTo("SPARK");
        assertThat(create.at("/releaseLabel").asText()).isEqualTo("emr-7.0.0");
        assertThat(create.at("/tags/created-by").asText()).isEqualTo("benchbox");
        JsonNode start = mapper.readTree(preview.resolve("12-StartJobRun-power-run.json").toFile());
        assertThat(start.at("/executionRoleArn").asText()).isEqualTo("arn:aws:iam::111122223333:role/EMRServerlessJobRole");
        assertThat(start.at("/jobDriver/sparkSubmit/entryPoint").asText()).matches("s3://my-bucket/benchbox/jobs/benchbox-job-[0-9a-f]{16}\\.jar");
        assertThat(start.at("/jobDriver/sparkSubmit/entryPointArguments/0").asText()).isEqualTo("s3://my-bucket/benchbox/runs/dry-run/manifest.json");
        assertThat(start.at("/jobDriver/sparkSubmit/sparkSubmitParameters").asText()).startsWith("--class dev.benchbox.job.BenchboxJob")
                .contains("AWSGlueDataCatalogHiveClientFactory");
        assertThat(start.at("/executionTimeoutMinutes").asInt()).isEqualTo(60);
        JsonNode manifest = mapper.readTree(preview.resolve("runs/manifest.json").toFile());
        assertThat(manifest.get("queries")).hasSize(22);
        // a preview is exactly what a run sends: the rows kept per result are the power run's
        assertThat(manifest.get("max_rows").asInt()).isEqualTo(dev.benchbox.bench.PowerRunService.MAX_ROWS_KEPT);
        // what a real run would upload: the job jar and the manifest, each with its size and checksum
        JsonNode uploads = mapper.readTree(preview.resolve("uploads.json").toFile());
        assertThat(uploads).hasSize(2);
        assertThat(uploads.get(0).get("key").asText()).isEqualTo(start.at("/jobDriver/sparkSubmit/entryPoint").asText());
        assertThat(uploads.get(1).get("key").asText()).isEqualTo("s3://my-bucket/benchbox/runs/dry-run/manifest.json");
        assertThat(uploads.get(1).get("size").asLong()).isEqualTo(Files.size(preview.resolve("runs/manifest.json")));
        assertThat(uploads.get(1).get("sha256").asText()).matches("[0-9a-f]{64}");
        assertThat(mapper.readTree(preview.resolve("02-StartApplication.json").toFile()).at("/applicationId").asText())
                .isEqualTo("00dryrunapplication");
        JsonNode table = mapper.readTree(preview.resolve("11-CreateTable-lineitem.json").toFile());
        assertThat(table.at("/DatabaseName").asText()).isEqualTo("benchbox");
        assertThat(table.at("/TableInput/TableType").asText()).isEqualTo("EXTERNAL_TABLE");
        assertThat(table.at("/TableInput/StorageDescriptor/Columns/4/Type").asText()).isEqualTo("decimal(15,2)");
        assertThat(table.at("/TableInput/StorageDescriptor/SerdeInfo/SerializationLibrary").asText())
                .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
    }
}
