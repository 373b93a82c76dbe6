package dev.benchbox.platform.emr;

import dev.benchbox.platform.FailureMessages;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * AWS failures as one actionable line: which permission is missing, which resource does not exist, whether the
 * region or the credentials are the problem. The AWS knowledge the shell's error reporter asks for.
 */
public final class AwsFailureMessages implements FailureMessages {
    @Override
    public Optional<String> message(Throwable failure) {
        if (failure instanceof AwsCallFailed call) {
            return Optional.of(aws(call.service(), call.operation(), call.resource(), call.region(), call.getCause()));
        }
        if (failure instanceof SdkException sdk) {
            return Optional.of(aws(null, null, null, null, sdk));
        }
        return Optional.empty();
    }

    /**
     * One actionable line for a failed AWS call: which permission is missing, which resource does not exist,
     * whether the region or the credentials are the problem.
     */
    static String aws(String service, String operation, String resource, String region, SdkException e) {
        String call = service == null ? "AWS call" : service + ":" + operation;
        String where = region == null ? "" : " in region " + region;
        String about = resource == null || resource.isEmpty() ? "" : " '" + resource + "'";
        if (e instanceof AwsServiceException service1) {
            AwsErrorDetails details = service1.awsErrorDetails();
            String code = details == null || details.errorCode() == null ? "" : details.errorCode();
            String awsMessage = details == null || details.errorMessage() == null ? firstLine(e.getMessage()) : firstLine(details.errorMessage());
            int status = service1.statusCode();
            if (code.startsWith("AccessDenied") || code.equals("UnauthorizedOperation") || status == 403 && code.isEmpty()) {
                if (awsMessage.toLowerCase(Locale.ROOT).contains("assume") || awsMessage.toLowerCase(Locale.ROOT).contains("passrole")) {
                    return "access denied: " + awsMessage + " (the execution role needs a trust relationship with "
                            + "emr-serverless.amazonaws.com and the caller iam:PassRole on it; see iam-policy)";
                }
                return "access denied: these credentials may not call " + call + about
                        + " (grant " + call + " in their IAM policy; iam-policy shows the job role's): " + awsMessage;
            }
            if (code.equals("UnrecognizedClientException") || code.equals("InvalidClientTokenId") || code.equals("InvalidAccessKeyId")
                    || code.equals("SignatureDoesNotMatch") || code.equals("ExpiredToken") || code.equals("ExpiredTokenException")) {
                return "AWS refused the credentials (" + code + "): check the profile, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY "
                        + "or refresh the session token";
            }
            if (code.equals("NoSuchBucket")) {
                return "S3 bucket" + (resource == null ? "" : " of '" + resource + "'") + " does not exist" + where
                        + ": create it or fix s3_staging_dir";
            }
            if (code.equals("ResourceNotFoundException") && "emr-serverless".equals(service)) {
                return "EMR Serverless application" + about + " not found" + where + ": check application_id and region";
            }
            if (code.equals("EntityNotFoundException")) {
                return "not found in the Glue catalog" + where + ": " + awsMessage;
            }
            if (code.equals("ValidationException") && awsMessage.toLowerCase(Locale.ROOT).contains("role")) {
                return call + " was refused: " + awsMessage + " (check execution_role_arn and its trust relationship; see iam-policy)";
            }
            if (code.contains("Throttl") || code.equals("SlowDown") || status == 429) {
                return call + " is throttled by AWS even after retries: wait a moment and try again (" + awsMessage + ")";
            }
            if (code.equals("ServiceQuotaExceededException")) {
                return call + " exceeds a service quota" + where + ": " + awsMessage + " (request an increase in Service Quotas)";
            }
            return call + about + " failed" + (code.isEmpty() ? " (HTTP " + status + ")" : " (" + code + ")") + ": " + awsMessage;
        }
        if (e instanceof software.amazon.awssdk.core.exception.ApiCallTimeoutException
                || e instanceof software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException
                || causedBy(e, java.net.SocketTimeoutException.class)) {
            return call + about + " got no answer in time" + where
                    + ": the endpoint stalled or the network is down (aws_timeout_seconds sets how long to wait)";
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause instanceof java.net.UnknownHostException) {
                return "cannot reach " + (service == null ? "AWS" : service) + where + " (unknown host " + cause.getMessage()
                        + "): the region may not offer the service, or there is no network";
            }
            if (cause instanceof java.net.ConnectException) {
                return "cannot connect to " + (service == null ? "AWS" : service) + where + ": " + cause.getMessage()
                        + " (check endpoint_url and the network)";
            }
        }
        String message = firstLine(e.getMessage());
        if (message.contains("Unable to load credentials")) {
            return "no AWS credentials found: set a profile (--profile), AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run on an instance role";
        }
        if (message.contains("Unable to load region")) {
            return "no AWS region: give --region or set AWS_REGION";
        }
        return call + about + " failed: " + message;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "failed";
        }
        return text.strip().split("\\R")[0];
    }
}
