package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.cost.WorkerSize;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmrOptionsTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/EMRServerlessJobRole";

    @Test
    void defaultsFollowTheSeed() {
        EmrOptions options = EmrOptions.resolve(Map.of("s3_staging_dir", "s3://bucket/prefix", "execution_role_arn", ROLE,
                "application_id", "00fabcdef1234567"), Map.of(), false);
        assertThat(options.region()).isEqualTo("us-east-1");
        assertThat(options.database()).isEqualTo("benchbox");
        assertThat(options.releaseLabel()).isEqualTo("emr-7.0.0");
        assertThat(options.timeoutMinutes()).isEqualTo(60);
        assertThat(options.architecture()).isEqualTo("X86_64");
        assertThat(options.stagingDir()).isEqualTo(new S3Location("bucket", "prefix/"));
        assertThat(options.accountId()).isEqualTo("123456789012");
        assertThat(options.createApplication()).isFalse();
    }

    @Test
    void environmentFillsWhatIsNotGivenAndGivenValuesWin() {
        Map<String, String> env = Map.of("EMR_S3_STAGING_DIR", "s3://env-bucket/x/", "EMR_EXECUTION_ROLE_ARN", ROLE,
                "EMR_APPLICATION_ID", "00envapp", "AWS_REGION", "eu-west-1", "EMR_DATABASE", "EnvDb", "EMR_RELEASE_LABEL", "emr-7.5.0");
        EmrOptions options = EmrOptions.resolve(Map.of("region", "us-west-2"), env, false);
        assertThat(options.stagingDir().bucket()).isEqualTo("env-bucket");
        assertThat(options.applicationId()).isEqualTo("00envapp");
        assertThat(options.region()).isEqualTo("us-west-2");
        assertThat(options.database()).isEqualTo("envdb");
        assertThat(options.releaseLabel()).isEqualTo("emr-7.5.0");
    }

    @Test
    void initialCapacityAcceptsTheSeedsJsonMapAndTheCompactForm() {
        String json = "{\"DRIVER\": {\"workerCount\": 1, \"workerConfiguration\": {\"cpu\": \"4vCPU\", \"memory\": \"16GB\"}},"
                + " \"EXECUTOR\": {\"workerCount\": 4, \"workerConfiguration\": {\"cpu\": \"8 vCPU\", \"memory\": \"32 GB\", \"disk\": \"100 GB\"}}}";
        CapacitySettings fromJson = EmrOptions.capacity(json, null, null);
        assertThat(fromJson.driver()).hasToString("1x4vCPU-16GB");
        assertThat(fromJson.executors()).hasToString("4x8vCPU-32GB-100GB");
        CapacitySettings compact = EmrOptions.capacity("Driver=1x4vCPU-16GB,Executor=4x8vCPU-32GB-100GB", "64", "256");
        assertThat(compact).isEqualTo(new CapacitySettings(fromJson.driver(), fromJson.executors(), 64, 256));
        assertThatThrownBy(() -> EmrOptions.capacity("Driver=1x4vCPU-16GB,Executor=8x4vCPU-16GB", "16", "64"))
                .isInstanceOf(BenchboxException.class).hasMessage("maximum capacity 16 vCPU / 64 GB is below the pre-initialised capacity (36 vCPU / 144 GB)");
    }

    @Test
    void workerSizesFollowAwsCombinations() {
        assertThat(WorkerSize.parse("1vCPU-8GB")).isEqualTo(new WorkerSize(1, 8, 20));
        assertThat(WorkerSize.parse("16vCPU-120GB-200GB")).isEqualTo(new WorkerSize(16, 120, 200));
        assertThatThrownBy(() -> WorkerSize.parse("1vCPU-9GB")).hasMessageContaining("a 1-vCPU worker takes 2-8 GB");
        assertThatThrownBy(() -> WorkerSize.parse("16vCPU-36GB")).hasMessageContaining("32-120 GB of memory in 8 GB steps");
        assertThatThrownBy(() -> WorkerSize.parse("4vCPU-16GB-10GB")).hasMessageContaining("disk must be 20-200 GB");
        assertThatThrownBy(() -> WorkerSize.parse("big")).hasMessageContaining("expected e.g. 4vCPU-16GB");
    }

    @Test
    void aRegionWithoutEmrServerlessIsRefusedLocally() {
        assertThatThrownBy(() -> EmrOptions.resolve(Map.of("s3_staging_dir", "s3://b-b/x/", "execution_role_arn", ROLE,
                "application_id", "00abc", "region", "cn-northwest-9"), Map.of(), false))
                .hasMessageStartingWith("unknown region 'cn-northwest-9'");
    }
}
