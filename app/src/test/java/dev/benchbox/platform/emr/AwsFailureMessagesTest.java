package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** AWS failures become one actionable line. */
class AwsFailureMessagesTest {
    private static final AwsFailureMessages MESSAGES = new AwsFailureMessages();

    private static AwsServiceException service(String code, int status, String message) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    private static String message(String service, String operation, String resource, SdkException e) {
        return MESSAGES.message(new AwsCallFailed(service, operation, resource, "us-east-1", e)).orElseThrow();
    }

    @Test
    void accessDeniedNamesThePermissionToGrant() {
        assertThat(message("glue", "CreateTable", "tpch.lineitem", service("AccessDeniedException", 400,
                "User: arn:aws:iam::1:user/u is not authorized to perform: glue:CreateTable")))
                .isEqualTo("access denied: these credentials may not call glue:CreateTable 'tpch.lineitem' (grant glue:CreateTable "
                        + "in their IAM policy; iam-policy shows the job role's): User: arn:aws:iam::1:user/u is not authorized to perform: glue:CreateTable");
    }

    @Test
    void missingApplicationBucketAndUnknownHostAreExplained() {
        assertThat(message("emr-serverless", "GetApplication", "00abc", service("ResourceNotFoundException", 404, "Application 00abc does not exist")))
                .isEqualTo("EMR Serverless application '00abc' not found in region us-east-1: check application_id and region");
        assertThat(message("s3", "ListObjectsV2", "s3://b/x/", service("NoSuchBucket", 404, "The specified bucket does not exist")))
                .isEqualTo("S3 bucket of 's3://b/x/' does not exist in region us-east-1: create it or fix s3_staging_dir");
        SdkClientException unreachable = SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new UnknownHostException("emr-serverless.xx-east-1.amazonaws.com")).build();
        assertThat(message("emr-serverless", "GetApplication", "00abc", unreachable)).startsWith("cannot reach emr-serverless in region us-east-1 "
                + "(unknown host emr-serverless.xx-east-1.amazonaws.com): the region may not offer the service");
    }

    @Test
    void roleWithoutTrustAndMissingCredentials() {
        assertThat(message("emr-serverless", "StartJobRun", "00abc", service("AccessDeniedException", 403,
                "EMR Serverless cannot assume the role arn:aws:iam::1:role/r")))
                .contains("trust relationship with emr-serverless.amazonaws.com");
        assertThat(MESSAGES.message(SdkClientException.create("Unable to load credentials from any of the providers in the chain")).orElseThrow())
                .startsWith("no AWS credentials found");
        assertThat(message("glue", "GetTables", "db", service("UnrecognizedClientException", 400, "The security token included in the request is invalid")))
                .startsWith("AWS refused the credentials (UnrecognizedClientException)");
    }

    @Test
    void otherFailuresAreNotAws() {
        assertThat(MESSAGES.message(new IllegalStateException("x"))).isEmpty();
    }

    @Test
    void theShellsErrorReporterAsksThisTranslator() {
        assertThat(dev.benchbox.shell.ErrorReporter.message(new java.util.concurrent.CompletionException(new AwsCallFailed("emr-serverless",
                "GetApplication", "00abc", "eu-west-1", service("ResourceNotFoundException", 404, "nope")))))
                .isEqualTo("EMR Serverless application '00abc' not found in region eu-west-1: check application_id and region");
    }
}
