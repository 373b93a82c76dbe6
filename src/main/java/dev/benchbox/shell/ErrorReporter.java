package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import dev.benchbox.platform.emr.AwsCallFailed;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import java.util.stream.Collectors;
import org.jline.reader.EOFError;
import org.springframework.core.convert.ConversionException;
import org.springframework.shell.CommandNotCurrentlyAvailable;
import org.springframework.shell.CommandNotFound;
import org.springframework.shell.ParameterValidationException;
import org.springframework.shell.command.CommandExecution.CommandParserExceptionsException;
import org.springframework.stereotype.Component;

/**
 * The one place that turns any failure into the one line the user sees. Stack traces only with
 * {@code --debug}.
 */
@Component
public class ErrorReporter {
    private final Console console;

    public ErrorReporter(Console console) {
        this.console = console;
    }

    /** Prints the failure, prefixed (e.g. with {@code FILE:LINE: }) when a prefix is given. */
    public void report(String prefix, Throwable failure) {
        console.error((prefix == null ? "" : prefix) + message(failure));
        if (console.debug()) {
            PrintWriter writer = console.errorWriter();
            failure.printStackTrace(writer);
            writer.flush();
        }
    }

    /** One line describing the failure. */
    public static String message(Throwable failure) {
        Throwable t = unwrap(failure);
        String text;
        if (t instanceof BenchboxException) {
            text = t.getMessage();
        } else if (t instanceof AwsCallFailed call) {
            text = aws(call.service(), call.operation(), call.resource(), call.region(), call.getCause());
        } else if (t instanceof SdkException sdk) {
            text = aws(null, null, null, null, sdk);
        } else if (t instanceof CommandNotFound notFound) {
            String word = notFound.getWords().isEmpty() ? "" : notFound.getWords().get(0);
            text = "unknown command '" + word + "': type help to list the commands";
        } else if (t instanceof CommandNotCurrentlyAvailable) {
            text = t.getMessage().replaceFirst("^Command '([^']*)' exists but is not currently available because ",
                    "'$1' is not available: ");
        } else if (t instanceof CommandParserExceptionsException parser) {
            text = parser.getParserExceptions().stream()
                    .map(e -> lowerFirst(e.getMessage()))
                    .distinct()
                    .collect(Collectors.joining("; "));
        } else if (t instanceof ParameterValidationException validation) {
            text = validation.getConstraintViolations().stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .collect(Collectors.joining("; "));
        } else if (t instanceof ConversionException conversion) {
            Throwable cause = conversion.getMostSpecificCause();
            text = "invalid value: " + (cause.getMessage() == null ? conversion.getMessage() : cause.getMessage());
        } else if (t instanceof EOFError) {
            text = "malformed line: " + t.getMessage();
        } else if (t instanceof NoSuchFileException) {
            text = "no such file: " + t.getMessage();
        } else if (t instanceof AccessDeniedException) {
            text = "cannot read " + t.getMessage() + ": permission denied";
        } else if (t instanceof IOException) {
            text = "I/O error: " + t.getMessage();
        } else if (t instanceof IllegalArgumentException) {
            text = t.getMessage();
        } else if (t instanceof InterruptedException) {
            text = "interrupted";
        } else {
            text = "internal error: " + t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage())) + " (run with --debug for details)";
        }
        return firstLine(text);
    }

    /**
     * One actionable line for a failed AWS call: which permission is missing, which resource does not exist,
     * whether the region or the credentials are the problem.
     */
    static String aws(String service, String operation, String resource, String region, SdkException e) {
        String call = service == null ? "AWS call" : service + ":" + operation;
        String where = region == null ? "" : " in region " + region;
        String about = resource == null ? "" : " '" + resource + "'";
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

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof UncheckedIOException || t instanceof java.lang.reflect.UndeclaredThrowableException
                || t instanceof java.util.concurrent.ExecutionException || t instanceof java.util.concurrent.CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String lowerFirst(String text) {
        if (text == null || text.isEmpty()) {
            return "invalid option";
        }
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "failed";
        }
        String[] lines = text.strip().split("\\R");
        return lines[0];
    }
}
