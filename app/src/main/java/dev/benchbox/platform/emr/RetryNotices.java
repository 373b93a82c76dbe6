package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;

/**
 * Says what the SDK retries while it retries, e.g. {@code GetJobRun: no answer from 127.0.0.1:4566 within 20 s,
 * retrying (attempt 2 of 8)}: without it a stalled endpoint is minutes of silence. The SDK's retry strategy is the one
 * place that sees each failed attempt and decides to retry; it is wrapped here, and an interceptor tells it which
 * operation the calling thread runs (synchronous clients retry on the caller's thread; an asynchronous client's
 * retries are named by its label instead).
 */
final class RetryNotices {
    private final String endpoint;
    private final Duration attemptTimeout;
    private final ThreadLocal<String> operation = new ThreadLocal<>();
    private volatile Consumer<String> target = line -> { };

    /**
     * @param endpoint the endpoint override, or null for AWS's own (named by service then)
     * @param attemptTimeout how long one attempt waits for an answer, for the notice
     */
    RetryNotices(URI endpoint, Duration attemptTimeout) {
        this.endpoint = endpoint == null ? null : endpoint.getAuthority();
        this.attemptTimeout = requireNonNull(attemptTimeout, "attemptTimeout is null");
    }

    /** Where notices go from now on (the shell's progress display); nowhere until set. */
    void target(Consumer<String> lines) {
        target = lines == null ? line -> { } : lines;
    }

    /** Names the operation of each call for the retry strategy on the same thread. */
    ExecutionInterceptor interceptor() {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operation.set(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }

            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                operation.remove();
            }

            @Override
            public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
                operation.remove();
            }
        };
    }

    /**
     * {@code delegate}, telling the target about each retry it allows.
     *
     * @param label what the calls are when the thread does not say (an asynchronous client), e.g. {@code S3 upload}
     * @param callerThread whether the client retries on the calling thread (synchronous clients)
     */
    RetryStrategy reporting(RetryStrategy delegate, String label, boolean callerThread) {
        return new Reporting(delegate, label, callerThread);
    }

    /** One line for a failed attempt that is retried. */
    String describe(String what, Throwable failure, int nextAttempt, int maxAttempts) {
        return what + ": " + reason(failure) + ", retrying (attempt " + nextAttempt + " of " + maxAttempts + ")";
    }

    private String reason(Throwable failure) {
        String where = endpoint != null ? endpoint : "AWS";
        if (failure instanceof SdkServiceException service) {
            if (service.isThrottlingException()) {
                return where + " is throttling requests (HTTP " + service.statusCode() + ")";
            }
            return where + " answered HTTP " + service.statusCode();
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "cannot connect to " + where;
            }
            if (t instanceof ApiCallAttemptTimeoutException || t instanceof SocketTimeoutException
                    || t instanceof InterruptedIOException) {
                return "no answer from " + where + " within " + seconds(attemptTimeout);
            }
        }
        String message = failure.getMessage();
        return "request to " + where + " failed" + (message == null ? "" : " (" + message.lines().findFirst().orElse("") + ")");
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** The delegate's token with the call's name and attempt number. */
    private record Token(RetryToken delegate, String what, int attempt) implements RetryToken {
    }

    private final class Reporting implements RetryStrategy {
        private final RetryStrategy delegate;
        private final String label;
        private final boolean callerThread;

        Reporting(RetryStrategy delegate, String label, boolean callerThread) {
            this.delegate = requireNonNull(delegate, "delegate is null");
            this.label = requireNonNull(label, "label is null");
            this.callerThread = callerThread;
        }

        @Override
        public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
            AcquireInitialTokenResponse response = delegate.acquireInitialToken(request);
            String named = callerThread ? operation.get() : null;
            return AcquireInitialTokenResponse.create(new Token(response.token(), named != null ? named : label, 1), response.delay());
        }

        @Override
        public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
            Token token = (Token) request.token();
            // throws when the strategy gives up: then the call fails and says why itself
            RefreshRetryTokenResponse response = delegate.refreshRetryToken(request.toBuilder().token(token.delegate()).build());
            int next = token.attempt() + 1;
            target.accept(describe(token.what(), request.failure(), next, delegate.maxAttempts()));
            return RefreshRetryTokenResponse.create(new Token(response.token(), token.what(), next), response.delay());
        }

        @Override
        public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
            Token token = (Token) request.token();
            RecordSuccessResponse response = delegate.recordSuccess(RecordSuccessRequest.create(token.delegate()));
            return RecordSuccessResponse.create(new Token(response.token(), token.what(), token.attempt()));
        }

        @Override
        public int maxAttempts() {
            return delegate.maxAttempts();
        }

        /** The delegate is complete (the AWS standard strategy): the client adds nothing to a wrapper. */
        @Override
        public boolean useClientDefaults() {
            return false;
        }

        @Override
        public Builder<?, ?> toBuilder() {
            return delegate.toBuilder();
        }
    }
}
