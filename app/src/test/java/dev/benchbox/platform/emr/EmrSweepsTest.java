package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.cost.BillingProfile;
import dev.benchbox.platform.ConfigurationSweeps;
import dev.benchbox.platform.emr.job.RunManifest;
import dev.benchbox.results.EngineConfiguration;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.WithAwsStandIn;
import dev.benchbox.standin.RecordedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A sweep's applications and job shapes on EMR Serverless, against the stand-in through the real SDK clients. */
@WithAwsStandIn
class EmrSweepsTest {
    private AwsStandIn aws;

    @BeforeAll
    static void credentials() {
        StandInFixture.useDummyCredentials();
    }

    @BeforeEach
    void standIn(AwsStandIn standIn) {
        aws = standIn;
    }

    private List<RecordedRequest> requests(String operation) {
        return aws.requests().stream().filter(r -> r.operation().equals(operation)).toList();
    }

    private static Map<String, String> configuration(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void workersAndSparkSettingsVaryPerJobRunOnTheConnectedApplicationWithNothingCreated() {
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "create_application", "true")) {
            ConfigurationSweeps sweeps = platform.sweeps().orElseThrow();
            int created = requests("CreateApplication").size();
            Map<String, String> configuration = configuration("driver", "2vCPU-8GB", "executors", "2x8vCPU-32GB-50GB",
                    "spark.sql.shuffle.partitions", "16");

            try (ConfigurationSweeps.Deployment deployment = sweeps.deploy(Map.of())) {
                EmrServerlessPlatform configured = (EmrServerlessPlatform) deployment.configure(configuration);

                assertThat(deployment.created()).isFalse();
                assertThat(configured.applicationId()).isEqualTo(platform.applicationId());
                assertThat(configured.jobSettings().sparkSubmit(RunManifest.Catalog.GLUE).parameters()).isEqualTo(
                        "--class dev.benchbox.job.BenchboxJob --conf spark.executor.cores=8 --conf spark.executor.memory=28g"
                        + " --conf spark.hadoop.hive.metastore.client.factory.class=com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory"
                        + " --conf spark.driver.cores=2 --conf spark.driver.memory=7g --conf spark.executor.instances=2"
                        + " --conf spark.dynamicAllocation.enabled=false --conf spark.emr-serverless.executor.disk=50g"
                        + " --conf spark.sql.shuffle.partitions=16");
                EngineConfiguration engine = configured.configuration();
                assertThat(engine.driver()).isEqualTo(new EngineConfiguration.Workers(1, 2, 8, 20));
                assertThat(engine.executors()).isEqualTo(new EngineConfiguration.Workers(2, 8, 32, 50));
                assertThat(engine.settings()).containsEntry("spark.sql.shuffle.partitions", "16");
                // the connected platform's own job runs are as they were
                assertThat(platform.jobSettings().sparkConf()).isEmpty();
            }
            assertThat(requests("CreateApplication")).hasSize(created);
            assertThat(requests("DeleteApplication")).isEmpty();
            assertThat(requests("StopApplication")).isEmpty();
        }
    }

    @Test
    void aSpark4ConfigurationWithASettingSpark4RemovedIsRefusedWhenPricedBeforeAnyApplicationIsCreated() {
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "create_application", "true")) {
            ConfigurationSweeps sweeps = platform.sweeps().orElseThrow();
            int created = requests("CreateApplication").size();
            String removed = "spark.sql.optimizer.runtimeFilter.semiJoinReduction.enabled";

            assertThatThrownBy(() -> sweeps.billingProfile(configuration("release", "emr-spark-8.0.0", removed, "true")))
                    .hasMessage("--spark-conf " + removed + ": Spark 4.0, which emr-spark-8.0.0 runs, removed this setting, "
                            + "with no replacement; leave it out");
            // the same setting on a Spark 3.5 release is Spark's to take
            assertThat(sweeps.billingProfile(configuration("release", "emr-7.13.0", removed, "true"))).isPresent();
            assertThat(requests("CreateApplication")).hasSize(created);
        }
    }

    @Test
    void anArchitectureGetsAnApplicationOfItsOwnThatIsDeletedOnCloseEvenWithACtrlCPending() {
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "create_application", "true")) {
            ConfigurationSweeps sweeps = platform.sweeps().orElseThrow();
            Map<String, String> deploymentSettings = configuration("architecture", "arm64", "release", "emr-7.1.0");

            ConfigurationSweeps.Deployment deployment = sweeps.deploy(deploymentSettings);
            RecordedRequest create = requests("CreateApplication").get(1);
            String id = requests("StartApplication").get(1).input().path("applicationId").asText();
            assertThat(create.input().path("architecture").asText()).isEqualTo("ARM64");
            assertThat(create.input().path("releaseLabel").asText()).isEqualTo("emr-7.1.0");
            assertThat(create.input().path("name").asText()).startsWith("benchbox-sweep-");
            assertThat(create.input().at("/autoStopConfiguration/enabled").asBoolean()).isTrue();
            assertThat(deployment.created()).isTrue();
            assertThat(deployment.description()).isEqualTo("application " + id + " (emr-7.1.0, arm64) created for the sweep");
            EmrServerlessPlatform configured = (EmrServerlessPlatform) deployment.configure(configuration("architecture", "arm64",
                    "release", "emr-7.1.0", "executors", "1x4vCPU-16GB"));
            assertThat(configured.applicationId()).isEqualTo(id);
            assertThat(configured.configuration().architecture()).isEqualTo("arm64");
            assertThat(configured.configuration().releaseLabel()).isEqualTo("emr-7.1.0");
            assertThat(aws.applicationStates(id)).last().isEqualTo("STARTED");

            Thread.currentThread().interrupt();
            try {
                deployment.close();
                assertThat(Thread.currentThread().isInterrupted()).as("the Ctrl-C is still pending for the caller").isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(requests("DeleteApplication")).extracting(r -> r.input().path("applicationId").asText()).containsExactly(id);
            assertThat(aws.applicationStates(id)).last().isEqualTo("TERMINATED");
            // the session's own application is left running for the session
            assertThat(aws.applicationStates(platform.applicationId())).last().isEqualTo("STARTED");
        }
    }

    @Test
    void anApplicationThatCannotBeDeletedIsAOneLineErrorNamingItAndClosingTheConnectionDeletesIt() {
        EmrServerlessPlatform platform = StandInFixture.connect(aws, "create_application", "true");
        ConfigurationSweeps.Deployment deployment = platform.sweeps().orElseThrow().deploy(configuration("architecture", "arm64"));
        String id = requests("StartApplication").get(1).input().path("applicationId").asText();
        aws.faults().serverErrorNext(dev.benchbox.standin.Service.EMR_SERVERLESS, 100);

        assertThatThrownBy(deployment::close).isInstanceOf(dev.benchbox.BenchboxException.class)
                .hasMessageStartingWith("could not delete application " + id + " created for the sweep: ")
                .hasMessageEndingWith("(delete it with: aws emr-serverless delete-application --application-id " + id + ")");
        assertThat(aws.applicationStates(id)).last().isNotEqualTo("TERMINATED");

        // leaving the shell (closing the connection) tries again
        aws.faults().reset();
        platform.close();
        assertThat(aws.applicationStates(id)).last().isEqualTo("TERMINATED");
    }

    @Test
    void preInitialisedCapacityKeepsTheConfigurationsOwnWorkersWarm() {
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "create_application", "true")) {
            Map<String, String> configuration = configuration("pre-initialized", "on", "driver", "2vCPU-8GB", "executors", "3x4vCPU-16GB");
            try (ConfigurationSweeps.Deployment deployment = platform.sweeps().orElseThrow()
                    .deploy(EmrSweepDimensions.INSTANCE.deploymentSettings(configuration))) {
                RecordedRequest create = requests("CreateApplication").get(1);
                assertThat(create.input().at("/initialCapacity/Driver/workerCount").asInt()).isEqualTo(1);
                assertThat(create.input().at("/initialCapacity/Driver/workerConfiguration/cpu").asText()).isEqualTo("2 vCPU");
                assertThat(create.input().at("/initialCapacity/Executor/workerCount").asInt()).isEqualTo(3);
                assertThat(create.input().at("/initialCapacity/Executor/workerConfiguration/memory").asText()).isEqualTo("16 GB");
                assertThat(deployment.description()).endsWith(", pre-initialized) created for the sweep");
            }
            assertThat(requests("DeleteApplication")).hasSize(1);
        }
    }

    @Test
    void eachConfigurationIsPricedForItsWorkersAndArchitecture() {
        try (EmrServerlessPlatform platform = StandInFixture.connect(aws, "create_application", "true")) {
            ConfigurationSweeps sweeps = platform.sweeps().orElseThrow();
            BillingProfile arm = sweeps.billingProfile(configuration("architecture", "arm64", "executors", "8x4vCPU-16GB")).orElseThrow();
            BillingProfile x86 = sweeps.billingProfile(configuration("executors", "4x8vCPU-32GB")).orElseThrow();

            assertThat(arm.architecture().id()).isEqualTo("arm64");
            assertThat(arm.capacity().executors()).isEqualTo(8);
            assertThat(arm.capacity().executor().vCpu()).isEqualTo(4);
            assertThat(x86.architecture().id()).isEqualTo("x86_64");
            assertThat(x86.capacity().executors()).isEqualTo(4);
            assertThat(x86.capacity().executor().memoryGb()).isEqualTo(32);
            // pricing sends nothing
            assertThat(requests("CreateApplication")).hasSize(1);
        }
    }
}
