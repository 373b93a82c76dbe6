package dev.benchbox.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.platform.emr.ScriptedJobOutputs;
import dev.benchbox.session.Session;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.WithAwsStandIn;
import dev.benchbox.standin.IamPolicyEvaluator;
import dev.benchbox.standin.IamPolicyEvaluator.Permission;
import dev.benchbox.standin.RecordedRequest;
import dev.benchbox.standin.RequiredPermissions;
import dev.benchbox.standin.SessionLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jline.reader.Parser;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code iam-policy} after a realistic session against the stand-in: every call the shell made (EMR Serverless, Glue,
 * S3, as recorded) must be allowed by the caller's policy it prints, and what each job run needed (its jar, manifest,
 * logs, the Glue tables and files it reads, its output) by the execution role's; checked with a small IAM evaluator.
 */
@WithAwsStandIn
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import({ShellTestSupport.class, TestEnvironment.class})
class IamPolicyCommandTest {
    @TempDir
    static Path dir;
    static AwsStandIn aws;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("benchbox.results-dir", () -> dir.resolve("results").toString());
        registry.add("BENCHBOX_HOME", () -> dir.resolve("home").toString());
    }

    @Autowired
    BenchboxShell shell;
    @Autowired
    Parser parser;
    @Autowired
    Terminal terminal;
    @Autowired
    Session session;

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", AwsStandIn.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", AwsStandIn.SECRET_KEY);
    }

    @BeforeEach
    void clear(AwsStandIn standIn) {
        aws = standIn;
        aws.reset(aws.config().withExecutor(new ScriptedJobOutputs(() -> aws, 0.01)));
        // a session's server is a plain loopback socket: enough to start, describe and stop one
        aws.sessions().launcher(launch -> {
            ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            return new SessionLauncher.Server() {
                @Override
                public int port() {
                    return socket.getLocalPort();
                }

                @Override
                public boolean alive() {
                    return !socket.isClosed();
                }

                @Override
                public void stop() {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closed already
                    }
                }
            };
        });
        ShellTestSupport.takeOutput(terminal);
    }

    @AfterEach
    void disconnect() {
        session.disconnect();
    }

    private String type(String line) {
        List<String> words = parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words();
        BenchboxShell.Outcome outcome = shell.execute(words, line);
        String output = ShellTestSupport.takeOutput(terminal);
        assertThat(outcome.failure()).as(line + "\n" + output).isNull();
        return output;
    }

    /** A command whose outcome does not matter here, only the calls it made. */
    private String attempt(String line) {
        List<String> words = parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words();
        shell.execute(words, line);
        return ShellTestSupport.takeOutput(terminal);
    }

    @Test
    void thePrintedPoliciesAllowEveryCallTheSessionMade() throws Exception {
        // Parquet of a data set already in S3, outside the staging prefix: load --from registers it in place
        try (S3Client s3 = aws.s3Client()) {
            for (String table : List.of("region", "nation")) {
                s3.putObject(b -> b.bucket(aws.bucket()).key("external/tpch/sf0.01/" + table + "/part-00001.parquet"),
                        software.amazon.awssdk.core.sync.RequestBody.fromString("PAR1"));
            }
        }
        int emrAndGlueBefore = aws.requests().size();
        int s3Before = aws.s3Requests().size();
        type("connect emr-serverless --endpoint-url " + aws.endpoint() + " --s3-staging-dir s3://" + aws.bucket() + "/iam/"
                + " --execution-role-arn " + AwsStandIn.EXECUTION_ROLE + " --create-application --release-label emr-7.13.0");
        type("create-schema tpch");
        type("create-schema external");
        type("load tpch --scale 0.01 --schema tpch");
        type("load tpch --scale 0.01 --tables region,nation --schema external --from s3://" + aws.bucket() + "/external/tpch/sf0.01/");
        type("use tpch");
        type("tables");
        type("describe orders");
        // the scripted job returns no rows, so Q6 fails validation: the run itself went through (job run, results read back)
        assertThat(attempt("run tpch --scale 0.01 --queries 6")).contains("Q6   iteration 1").contains("Results: ");
        type("query \"select 1\"");
        type("session start --name iam");
        type("session status");
        type("session stop");
        type("capacity");
        type("cost");
        Path out = dir.resolve("policy/benchbox");
        String printed = type("iam-policy --output " + out);

        List<RecordedRequest> calls = new ArrayList<>(aws.requests().subList(emrAndGlueBefore, aws.requests().size()));
        List<RecordedRequest> jobCalls = new ArrayList<>();
        for (RecordedRequest s3 : aws.s3Requests().subList(s3Before, aws.s3Requests().size())) {
            (AwsStandIn.JOB_ACCESS_KEY.equals(s3.input().path("AccessKeyId").asText()) ? jobCalls : calls).add(s3);
        }
        assertThat(calls).extracting(RecordedRequest::operation).contains("CreateApplication", "CreateDatabase", "CreateTable",
                "StartJobRun", "GetJobRun", "StartSession", "TerminateSession", "GetTables", "GetTable", "ListObjectsV2", "PutObject",
                "GetObject");

        RequiredPermissions required = RequiredPermissions.standIn();
        IamPolicyEvaluator role = IamPolicyEvaluator.parse(Files.readString(Path.of(out + "-policy.json")));
        List<Permission> jobNeeds = new ArrayList<>();
        calls.stream().filter(c -> c.operation().equals("StartJobRun")).forEach(start -> jobNeeds.addAll(required.jobRole(start, readJson())));
        jobCalls.forEach(c -> jobNeeds.addAll(required.caller(c)));
        assertThat(jobNeeds).as("job runs: generation, the check of --from, the power run, the query").hasSizeGreaterThan(20);
        assertThat(jobNeeds.stream().filter(p -> !role.allows(p)).toList()).as("what the execution role's policy would refuse").isEmpty();
        IamPolicyEvaluator caller = IamPolicyEvaluator.parse(Files.readString(Path.of(out + "-caller.json")));
        List<String> refused = new ArrayList<>();
        for (RecordedRequest call : calls) {
            for (Permission permission : required.caller(call)) {
                if (!caller.allows(permission)) {
                    refused.add(call.operation() + " needs " + permission);
                }
            }
        }
        assertThat(refused).as("calls the caller's policy would refuse").isEmpty();

        // and no more than that: the role may not write the catalog, nor read a database the session never used
        assertThat(role.allows(new Permission("glue:CreateTable", "arn:aws:glue:us-east-1:123456789012:table/tpch/orders"))).isFalse();
        assertThat(role.allows(new Permission("glue:GetTable", "arn:aws:glue:us-east-1:123456789012:table/other/orders"))).isFalse();
        assertThat(caller.allows(new Permission("glue:GetTable", "arn:aws:glue:us-east-1:123456789012:table/other/orders"))).isFalse();
        assertThat(caller.allows(new Permission("s3:GetObject", "arn:aws:s3:::" + aws.bucket() + "/external/tpch/sf0.01/region/x"))).isFalse();
        assertThat(printed).contains("# What the user running BenchBox needs for the shell's own calls");
    }

    /** An {@code s3://} object of the stand-in as JSON. */
    private static Function<String, JsonNode> readJson() {
        return uri -> {
            URI u = URI.create(uri);
            try {
                return new ObjectMapper().readTree(aws.localPath(u.getHost(), u.getPath().substring(1)).toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
