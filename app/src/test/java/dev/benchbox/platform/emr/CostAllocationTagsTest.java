package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.benchbox.IntegrationTest;
import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.CostAllocation;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.RecordedRequest;
import dev.benchbox.standin.StandInConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;

/**
 * Cost allocation tags on what the platform creates, read back from the stand-in with ListTagsForResource (served by
 * the AWS model): the application, each job run, and the run's own tags while a run's scope is open.
 */
@IntegrationTest
class CostAllocationTagsTest {
    @TempDir
    Path dir;
    private AwsStandIn aws;

    @BeforeAll
    static void credentials() {
        StandInFixture.useDummyCredentials();
    }

    @BeforeEach
    void start() {
        aws = AwsStandIn.start(StandInConfig.forTests(dir.resolve("aws")).withExecutor(new ScriptedJobOutputs(() -> aws, 0.01)));
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private List<RecordedRequest> requests(String operation) {
        return aws.requests().stream().filter(r -> r.operation().equals(operation)).toList();
    }

    private static Map<String, String> tags(JsonNode node) {
        Map<String, String> tags = new java.util.TreeMap<>();
        node.properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
        return tags;
    }

    private static void runOneQuery(EmrServerlessPlatform platform) {
        platform.runBatch("benchbox", List.of(new BatchQuery("q1", "SELECT 1")), 0, 1, 10, BatchListener.NONE);
    }

    @Test
    void aCreatedApplicationAndEveryJobRunCarryTheUserTagsAndARunsJobRunsCarryItsIdBenchmarkAndScale() {
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "create_application", "true", "tag", "team=analytics,project=q3");
                EmrServerlessClient emr = aws.emrServerlessClient()) {
            platform.createSchema("benchbox");
            String appArn = emr.getApplication(b -> b.applicationId(platform.applicationId())).application().arn();
            Map<String, String> created = emr.listTagsForResource(b -> b.resourceArn(appArn)).tags();
            assertThat(created).containsEntry("team", "analytics").containsEntry("project", "q3").containsEntry("created-by", "benchbox")
                    .containsKey("benchbox-session").hasSize(4);

            CostAllocation allocation = platform.costAllocation().orElseThrow();
            assertThat(allocation.tags()).containsExactly(Map.entry("created-by", "benchbox"), Map.entry("project", "q3"),
                    Map.entry("team", "analytics"));
            try (CostAllocation.Scope run = allocation.forRun("run-0001", "tpch", "0.01")) {
                runOneQuery(platform);
            }
            runOneQuery(platform); // outside a run: no run tags

            Map<String, String> runTags = Map.of("benchbox:run-id", "run-0001", "benchbox:benchmark", "tpch", "benchbox:scale", "0.01");
            // the application this connection created now also says which run last used it
            assertThat(emr.listTagsForResource(b -> b.resourceArn(appArn)).tags()).containsAllEntriesOf(created).containsAllEntriesOf(runTags);
            assertThat(requests("TagResource")).singleElement().satisfies(r -> {
                assertThat(r.input().path("resourceArn").asText()).isEqualTo(appArn);
                assertThat(tags(r.input().path("tags"))).isEqualTo(runTags);
            });

            List<RecordedRequest> starts = requests("StartJobRun");
            assertThat(starts).hasSize(2);
            assertThat(tags(starts.get(0).input().path("tags"))).containsAllEntriesOf(runTags).containsEntry("team", "analytics")
                    .containsEntry("project", "q3").containsEntry("created-by", "benchbox").hasSize(6);
            assertThat(tags(starts.get(1).input().path("tags"))).containsExactly(Map.entry("created-by", "benchbox"),
                    Map.entry("project", "q3"), Map.entry("team", "analytics"));

            // the ledger keeps each run's tags as AWS reports them, and AWS has them on the job run itself
            var ledger = platform.jobRuns();
            assertThat(ledger.get(0).tags()).containsAllEntriesOf(runTags).hasSize(6);
            assertThat(ledger.get(1).tags()).doesNotContainKey("benchbox:run-id");
            String runArn = emr.getJobRun(b -> b.applicationId(platform.applicationId()).jobRunId(ledger.get(0).jobRunId())).jobRun().arn();
            assertThat(emr.listTagsForResource(b -> b.resourceArn(runArn)).tags()).isEqualTo(ledger.get(0).tags());
        }
    }

    @Test
    void aJobRunsSparkUiLinkIsAskedOfAwsEachTimeAndTheStandInServesIt() throws Exception {
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "create_application", "true")) {
            platform.createSchema("benchbox");
            runOneQuery(platform);
            String id = platform.jobRuns().get(0).jobRunId();
            var ui = platform.sparkUi().orElseThrow();

            String url = ui.jobRun(id);
            assertThat(ui.jobRun(id)).isEqualTo(url);
            assertThat(requests("GetDashboardForJobRun")).hasSize(2); // fetched when shown, never cached: it expires
            assertThat(url).isEqualTo(aws.endpoint() + "/dashboard/" + platform.applicationId() + "/" + id);
            var page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(ui.session()).isEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ui.jobRun("00NOT-AN-ID"))
                    .isInstanceOf(dev.benchbox.BenchboxException.class).hasMessage("invalid job run id '00NOT-AN-ID': EMR Serverless job run "
                            + "ids are 1-64 lower-case letters and digits, e.g. 00fabcdef1234567");
            assertThat(requests("GetDashboardForJobRun")).hasSize(2);
        }
    }

    @Test
    void anApplicationTheShellDidNotCreateIsNeverRetagged() {
        String id;
        try (EmrServerlessClient emr = aws.emrServerlessClient()) {
            id = emr.createApplication(b -> b.name("theirs").releaseLabel("emr-7.0.0").type("SPARK").clientToken("t-1")
                    .tags(Map.of("owner", "them"))).applicationId();
        }
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "application_id", id, "tag", "team=analytics");
                EmrServerlessClient emr = aws.emrServerlessClient()) {
            platform.createSchema("benchbox");
            try (CostAllocation.Scope run = platform.costAllocation().orElseThrow().forRun("run-0002", "tpch", "1")) {
                runOneQuery(platform);
            }
            assertThat(requests("TagResource")).isEmpty();
            String appArn = emr.getApplication(b -> b.applicationId(id)).application().arn();
            assertThat(emr.listTagsForResource(b -> b.resourceArn(appArn)).tags()).containsExactly(Map.entry("owner", "them"));
            assertThat(tags(requests("StartJobRun").get(0).input().path("tags"))).containsEntry("benchbox:run-id", "run-0002")
                    .containsEntry("benchbox:scale", "1").containsEntry("team", "analytics");
        }
    }
}
