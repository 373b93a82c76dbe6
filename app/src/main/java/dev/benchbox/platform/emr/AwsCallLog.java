package dev.benchbox.platform.emr;

import dev.benchbox.log.CommandTrail;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Each AWS call in the log: what changes something at INFO, look-ups at DEBUG, every failure at WARN with AWS's
 * request ID (what AWS support asks for). The IDs a call names (application, job run, session) and the S3 objects it
 * writes go to the running command's {@link CommandTrail}.
 */
final class AwsCallLog implements ExecutionInterceptor {
    private static final Logger log = LoggerFactory.getLogger(AwsCallLog.class);
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("benchbox.callStarted");
    // the members that name what a call is about, and the word the trail uses for each
    private static final Map<String, String> IDS = Map.of("applicationId", "application", "jobRunId", "job run", "sessionId", "session");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        List<String> named = new ArrayList<>();
        names(context.request(), named);
        names(context.response(), named);
        if (operation != null && (operation.equals("PutObject") || operation.equals("CompleteMultipartUpload"))) {
            field(context.request(), "Bucket").ifPresent(bucket ->
                    CommandTrail.wrote("s3://" + bucket + "/" + field(context.request(), "Key").orElse("")));
        }
        boolean lookUp = operation == null || operation.matches("(Get|List|Head|Describe|UploadPart).*");
        String line = call(attributes, named) + " ok in " + elapsedMs(attributes) + " ms";
        if (lookUp) {
            log.debug(line);
        } else {
            log.info(line);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        List<String> named = new ArrayList<>();
        names(context.request(), named);
        Throwable failure = context.exception();
        StringBuilder line = new StringBuilder(call(attributes, named)).append(" failed after ").append(elapsedMs(attributes)).append(" ms");
        if (failure instanceof SdkServiceException service) {
            line.append(": HTTP ").append(service.statusCode());
            if (failure instanceof AwsServiceException aws && aws.awsErrorDetails() != null && aws.awsErrorDetails().errorCode() != null) {
                line.append(' ').append(aws.awsErrorDetails().errorCode());
            }
            if (service.requestId() != null) {
                line.append(", request ID ").append(service.requestId());
            }
            if (service.extendedRequestId() != null) {
                line.append(", extended request ID ").append(service.extendedRequestId());
            }
        }
        line.append(": ").append(failure.getMessage());
        // a missing object or table is often the answer the caller asked for (does it exist?): not a warning
        if (failure instanceof SdkServiceException service && service.statusCode() == 404) {
            log.info(line.toString());
        } else {
            log.warn(line.toString());
        }
    }

    private static String call(ExecutionAttributes attributes, List<String> named) {
        return "AWS " + attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + " "
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)
                + (named.isEmpty() ? "" : " (" + String.join(", ", named) + ")");
    }

    private static long elapsedMs(ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        return started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
    }

    private static void names(Object message, List<String> named) {
        if (!(message instanceof SdkPojo pojo)) {
            return;
        }
        for (SdkField<?> field : pojo.sdkFields()) {
            String kind = IDS.get(field.memberName());
            if (kind == null) {
                continue;
            }
            Object value = field.getValueOrDefault(pojo);
            if (value instanceof String id && !id.isBlank()) {
                CommandTrail.touched(kind, id);
                String text = field.memberName() + "=" + id;
                if (!named.contains(text)) {
                    named.add(text);
                }
            }
        }
    }

    private static Optional<String> field(Object message, String member) {
        if (!(message instanceof SdkPojo pojo)) {
            return Optional.empty();
        }
        return pojo.sdkFields().stream().filter(f -> f.memberName().equals(member)).findFirst()
                .map(f -> f.getValueOrDefault(pojo)).filter(String.class::isInstance).map(String.class::cast);
    }
}
