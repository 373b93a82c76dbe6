package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AWS SDK clients of one EMR Serverless connection, built once with the same region, credentials,
 * endpoint override, timeouts and retry strategy, and closed together: {@link #emr()} for the application and
 * job runs, {@link #glue()} for the catalog, {@link #s3()} for data, manifests and results.
 */
public final class AwsClients implements AutoCloseable {
    private final EmrServerlessClient emr;
    private final GlueClient glue;
    private final S3Client s3;
    private final S3AsyncClient s3Uploads;
    private SdkEventLoopGroup uploadLoops;
    private final RetryNotices retries;
    private AwsCredentialsProvider credentials;

    private AwsClients(EmrServerlessClient emr, GlueClient glue, S3Client s3, S3AsyncClient s3Uploads, RetryNotices retries) {
        this.emr = emr;
        this.glue = glue;
        this.s3 = s3;
        this.s3Uploads = s3Uploads;
        this.retries = retries;
    }

    /**
     * How the clients talk to AWS.
     *
     * @param region the region
     * @param profile a named profile for credentials, or null for the SDK's default chain (environment,
     *     system properties, profile files, container and instance roles)
     * @param endpoint one endpoint override for every service, or null
     * @param apiCallTimeout a whole call, retries included (uploads excepted, see {@link #create})
     * @param attemptTimeout one HTTP attempt: also how long a connection may stay silent
     * @param maxAttempts attempts per call (throttling, 5xx and silence are retried with backoff), within apiCallTimeout
     * @param multipartThresholdBytes uploads from this size go multipart
     * @param multipartPartBytes part size of multipart uploads
     */
    public record Settings(String region, String profile, URI endpoint, Duration apiCallTimeout, Duration attemptTimeout,
            int maxAttempts, long multipartThresholdBytes, long multipartPartBytes) {
        public Settings {
            requireNonNull(region, "region is null");
            requireNonNull(apiCallTimeout, "apiCallTimeout is null");
            requireNonNull(attemptTimeout, "attemptTimeout is null");
        }

        public static Settings of(EmrOptions options) {
            // a stalled endpoint surfaces within a minute at the default of 20 s: two and a half attempts, then the call fails
            Duration attempt = Duration.ofSeconds(options.awsTimeoutSeconds());
            return new Settings(options.region(), options.profile(), options.endpointUrl(), attempt.multipliedBy(5).dividedBy(2),
                    attempt, 8, 16L * 1024 * 1024, 8L * 1024 * 1024);
        }

        public Settings withMultipart(long thresholdBytes, long partBytes) {
            return new Settings(region, profile, endpoint, apiCallTimeout, attemptTimeout, maxAttempts, thresholdBytes, partBytes);
        }
    }

    /**
     * A dry run's clients: EMR Serverless, Glue and S3 record instead of sending. There is no client for parallel
     * uploads: a preview's load generates no data to upload.
     */
    static AwsClients recording(EmrServerlessClient emr, GlueClient glue, S3Client s3) {
        return new AwsClients(emr, glue, s3, null, null);
    }

    /** Builds the clients; no call is made until they are used. */
    public static AwsClients create(Settings settings) {
        AwsCredentialsProvider credentials = settings.profile() == null
                ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.create(settings.profile());
        RetryNotices retries = new RetryNotices(settings.endpoint(), settings.attemptTimeout());
        // standard strategy: exponential backoff with jitter, throttling errors included
        var standard = AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(settings.maxAttempts()).build();
        ClientOverrideConfiguration override = ClientOverrideConfiguration.builder()
                .apiCallTimeout(settings.apiCallTimeout())
                .apiCallAttemptTimeout(settings.attemptTimeout())
                .retryStrategy(retries.reporting(standard, "AWS call", true))
                .addExecutionInterceptor(retries.interceptor())
                .addExecutionInterceptor(new AwsCallLog())
                .build();
        EmrServerlessClient emr = configure(EmrServerlessClient.builder(), settings, credentials, override)
                .httpClientBuilder(apache(settings)).build();
        GlueClient glue = configure(GlueClient.builder(), settings, credentials, override)
                .httpClientBuilder(apache(settings)).build();
        // path-style addressing with an endpoint override: stand-ins and LocalStack have no per-bucket host names
        boolean pathStyle = settings.endpoint() != null;
        // S3-compatible servers (Ceph RGW, moto) mishandle Expect: 100-continue; see NoExpectContinue
        ClientOverrideConfiguration s3Override = override.toBuilder().addExecutionInterceptor(new NoExpectContinue()).build();
        // small objects only (manifests, results, the job jar): the control plane's bounds fit
        S3Client s3 = configure(S3Client.builder(), settings, credentials, s3Override)
                .forcePathStyle(pathStyle)
                .httpClientBuilder(apache(settings).maxConnections(16)).build();
        // Uploads of 128 MB files in 8 MB parts on a slow link take longer than any fixed bound that still catches a stall
        // soon: no call or attempt timeout here; a stall is silence instead, which the HTTP client's read and write timeouts
        // see (no byte moved for attemptTimeout), and each retry of it is said on screen.
        ClientOverrideConfiguration uploadOverride = ClientOverrideConfiguration.builder()
                .retryStrategy(retries.reporting(standard, "S3 upload", false))
                .addExecutionInterceptor(new NoExpectContinue())
                .addExecutionInterceptor(new AwsCallLog())
                .build();
        // the SDK's Java multipart client (not CRT) for parallel, multipart uploads of large Parquet files
        // our own event loops: the SDK closes its own with a 2 s quiet period, which every disconnect would wait out
        SdkEventLoopGroup uploadLoops = SdkEventLoopGroup.builder().build();
        S3AsyncClient uploads = configure(S3AsyncClient.builder(), settings, credentials, uploadOverride)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().eventLoopGroup(uploadLoops).connectionTimeout(connectTimeout(settings))
                        .readTimeout(settings.attemptTimeout()).writeTimeout(settings.attemptTimeout()))
                .forcePathStyle(pathStyle)
                .multipartEnabled(true)
                .multipartConfiguration(c -> c.thresholdInBytes(settings.multipartThresholdBytes())
                        .minimumPartSizeInBytes(settings.multipartPartBytes()))
                .build();
        AwsClients clients = new AwsClients(emr, glue, s3, uploads, retries);
        clients.credentials = credentials;
        clients.uploadLoops = uploadLoops;
        return clients;
    }

    /** Tells {@code lines} about each retried request from now on, e.g. a request that got no answer in time. */
    public void retryNotices(java.util.function.Consumer<String> lines) {
        if (retries != null) {
            retries.target(lines);
        }
    }

    /** A synchronous HTTP client that gives up on a silent connection after one attempt's time. */
    private static ApacheHttpClient.Builder apache(Settings settings) {
        return ApacheHttpClient.builder().connectionTimeout(connectTimeout(settings)).socketTimeout(settings.attemptTimeout());
    }

    private static Duration connectTimeout(Settings settings) {
        Duration ten = Duration.ofSeconds(10);
        return settings.attemptTimeout().compareTo(ten) < 0 ? settings.attemptTimeout() : ten;
    }

    /** The credentials the clients sign with (null in a dry run): calls the SDK has no operation for sign with them too. */
    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    private static <B extends AwsClientBuilder<B, C>, C> B configure(B builder, Settings settings,
            AwsCredentialsProvider credentials, ClientOverrideConfiguration override) {
        builder.region(Region.of(settings.region())).credentialsProvider(credentials).overrideConfiguration(override);
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder;
    }

    public EmrServerlessClient emr() {
        return emr;
    }

    public GlueClient glue() {
        return glue;
    }

    public S3Client s3() {
        return s3;
    }

    /** Asynchronous S3 with multipart uploads, for parallel uploads of large files. */
    public S3AsyncClient s3Uploads() {
        return s3Uploads;
    }

    @Override
    public void close() {
        // a call still under way (a background refresh) fails now and would be "retried": nothing to tell
        retryNotices(null);
        emr.close();
        glue.close();
        s3.close();
        if (s3Uploads != null) {
            s3Uploads.close();
        }
        if (uploadLoops != null) {
            // every request has ended (the client is closed): no quiet period to wait for
            uploadLoops.eventLoopGroup().shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
