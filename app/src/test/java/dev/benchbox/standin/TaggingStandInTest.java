package dev.benchbox.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.standin.JobExecutor.JobResult;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.ResourceNotFoundException;
import software.amazon.awssdk.services.emrserverless.model.ValidationException;

/** TagResource, UntagResource and ListTagsForResource, and tags given on creation, as AWS serves them. */
@WithAwsStandIn
class TaggingStandInTest {
    private AwsStandIn aws;
    private EmrServerlessClient emr;

    @BeforeEach
    void standIn(AwsStandIn standIn) {
        aws = standIn;
        aws.reset(aws.config().withExecutor(request -> JobResult.success()));
        emr = aws.emrServerlessClient();
    }

    @AfterEach
    void close() {
        emr.close();
    }

    private String application(Map<String, String> tags) {
        return emr.createApplication(b -> b.name("tagged").releaseLabel("emr-7.0.0").type("SPARK").clientToken("t-" + tags.hashCode())
                .tags(tags)).arn();
    }

    @Test
    void tagsGivenOnCreationAreListedAndTagResourceAddsOrReplacesThemUntagResourceRemoves() {
        String arn = application(Map.of("team", "analytics", "stage", "dev"));
        assertThat(emr.listTagsForResource(b -> b.resourceArn(arn)).tags()).containsExactlyInAnyOrderEntriesOf(
                Map.of("team", "analytics", "stage", "dev"));

        emr.tagResource(b -> b.resourceArn(arn).tags(Map.of("stage", "prod", "benchbox:run-id", "r-1")));
        emr.untagResource(b -> b.resourceArn(arn).tagKeys("team"));

        assertThat(emr.listTagsForResource(b -> b.resourceArn(arn)).tags()).containsExactlyInAnyOrderEntriesOf(
                Map.of("stage", "prod", "benchbox:run-id", "r-1"));
        String id = arn.substring(arn.lastIndexOf('/') + 1);
        assertThat(emr.getApplication(b -> b.applicationId(id)).application().tags()).containsEntry("stage", "prod");
    }

    @Test
    void aJobRunHasItsOwnTagsApplicationTagsDoNotPropagate() {
        String arn = application(Map.of("team", "analytics"));
        String id = arn.substring(arn.lastIndexOf('/') + 1);
        Await.until("application " + id + " is CREATED",
                () -> emr.getApplication(b -> b.applicationId(id)).application().stateAsString().equals("CREATED"));
        var started = emr.startJobRun(b -> b.applicationId(id).clientToken("run-1").executionRoleArn(AwsStandIn.EXECUTION_ROLE)
                .jobDriver(d -> d.sparkSubmit(s -> s.entryPoint("s3://" + aws.bucket() + "/job.jar"))).tags(Map.of("run", "1")));

        assertThat(emr.listTagsForResource(b -> b.resourceArn(started.arn())).tags()).containsExactly(Map.entry("run", "1"));
        assertThat(emr.getJobRun(b -> b.applicationId(id).jobRunId(started.jobRunId())).jobRun().tags()).containsExactly(Map.entry("run", "1"));
    }

    @Test
    void refusesWhatAwsRefuses() {
        String arn = application(Map.of());
        // the model: a key's characters and length
        assertThatThrownBy(() -> emr.tagResource(b -> b.resourceArn(arn).tags(Map.of("bad!key", "v"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Member must satisfy regular expression pattern");
        // AWS's rules beyond the model: aws: is AWS's own, 50 tags a resource
        assertThatThrownBy(() -> emr.tagResource(b -> b.resourceArn(arn).tags(Map.of("aws:cost", "v"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("reserved for AWS use");
        Map<String, String> fiftyOne = IntStream.range(0, 51).boxed().collect(Collectors.toMap(i -> "k" + i, i -> "v"));
        assertThatThrownBy(() -> emr.tagResource(b -> b.resourceArn(arn).tags(fiftyOne)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("at most 50 tags");
        // an ARN of the model's shape that names nothing; a session's ARN is not a taggable resource in the model
        String missing = arn.substring(0, arn.lastIndexOf('/') + 1) + "00nosuchapplication";
        assertThatThrownBy(() -> emr.listTagsForResource(b -> b.resourceArn(missing))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> emr.listTagsForResource(b -> b.resourceArn(arn + "/sessions/00abc")))
                .isInstanceOf(ValidationException.class);
        assertThat(emr.listTagsForResource(b -> b.resourceArn(arn)).tags()).isEmpty();
    }
}
