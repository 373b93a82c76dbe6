package dev.benchbox.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A local stand-in for the AWS services BenchBox uses — EMR Serverless (REST-JSON), Glue (JSON 1.1) and S3
 * (s3proxy, filesystem blob store) — behind ONE endpoint on 127.0.0.1 with a random port. Requests are
 * routed by the service named in the SigV4 credential scope of their Authorization header, as LocalStack
 * and moto do; every EMR Serverless and Glue request is checked against the official model before it is
 * served. Use the real SDK clients against {@link #endpoint()}:
 *
 * <pre>{@code
 * try (AwsStandIn aws = AwsStandIn.start(StandInConfig.forTests(tempDir))) {
 *     EmrServerlessClient emr = aws.emrServerlessClient();
 *     S3Client s3 = aws.s3Client();            // aws.bucket() exists already
 *     aws.faults().throttleNext(Service.GLUE, 2);
 * }
 * }</pre>
 */
public final class AwsStandIn implements AutoCloseable {

    /** The region the stand-in claims; any region in the credential scope is accepted. */
    public static final Region REGION = Region.US_EAST_1;
    public static final String ACCOUNT_ID = "123456789012";
    public static final String ACCESS_KEY = "standin";
    public static final String SECRET_KEY = "standin-secret";
    /** The access key a scripted job executor signs with, so its S3 calls count as the execution role's, not the caller's. */
    public static final String JOB_ACCESS_KEY = "standin-job";
    /** An execution role ARN that passes the model's IAMRoleArn pattern, for job runs. */
    public static final String EXECUTION_ROLE = "arn:aws:iam::" + ACCOUNT_ID + ":role/benchbox-standin";

    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/[^/]+/([^/]+)/aws4_request");
    private static final Pattern QUERY_SCOPE = Pattern.compile("X-Amz-Credential=[^&]*?(?:/|%2F)\\d{8}(?:/|%2F)[^/&%]+(?:/|%2F)([^/&%]+)(?:/|%2F)aws4_request");

    /**
     * Parsed models by file, shared by every stand-in in this JVM: the Glue model is 1.3 MB of JSON and parsing
     * it took most of a start. A model is only read after parsing.
     */
    private static final Map<Path, ServiceModel> MODELS = new ConcurrentHashMap<>();

    // Replaced by reset(): the handler threads read them, so volatile.
    private volatile StandInConfig config;
    private volatile Faults faults = new Faults();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> s3Requests = new CopyOnWriteArrayList<>();
    private final FilesystemNio2BlobStore blobStore;
    private final S3Proxy s3Proxy;
    private final S3Forwarder s3;
    private final ApiProtocol emrProtocol;
    private final ApiProtocol glueProtocol;
    private final ModelValidator emrValidator;
    private final ModelValidator glueValidator;
    private volatile GlueCatalog glue;
    private volatile EmrServerless emr;
    private final HttpServer server;
    private final ExecutorService serverThreads;
    private final URI endpoint;

    private AwsStandIn(StandInConfig config) throws Exception {
        this.config = requireNonNull(config, "config is null");
        Path blobDir = Files.createDirectories(blobStoreDir(config));
        this.blobStore = new FilesystemNio2BlobStore(blobDir.toString());
        this.s3Proxy = S3Proxy.builder().blobStore(blobStore).endpoint(URI.create("http://127.0.0.1:0"))
                .ignoreUnknownHeaders(true).stopTimeout(0).build();
        s3Proxy.start();
        while (!s3Proxy.getState().equals("STARTED")) {
            Thread.sleep(5);
        }
        this.s3 = new S3Forwarder(URI.create("http://127.0.0.1:" + s3Proxy.getPort()));
        ServiceModel emrModel = model(config.modelsDir().resolve(StandInConfig.EMR_MODEL));
        ServiceModel glueModel = model(config.modelsDir().resolve(StandInConfig.GLUE_MODEL));
        this.emrProtocol = new ApiProtocol(emrModel, true);
        this.glueProtocol = new ApiProtocol(glueModel, false);
        this.emrValidator = new ModelValidator(emrModel);
        this.glueValidator = new ModelValidator(glueModel);
        this.glue = new GlueCatalog(config.clock(), ACCOUNT_ID);

        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", config.port()), 64);
        this.serverThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "standin-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(serverThreads);
        server.createContext("/", this::handle);
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        this.emr = newEmrServerless();
        server.start();
        if (!blobStore.containerExists(config.bucket())) {
            blobStore.createContainer(config.bucket());
        }
    }

    private static ServiceModel model(Path file) {
        return MODELS.computeIfAbsent(file.toAbsolutePath().normalize(), ServiceModel::load);
    }

    private EmrServerless newEmrServerless() {
        JobExecutor executor = config.executor() != null ? config.executor() : new SparkJobExecutor(this);
        EmrServerless service = new EmrServerless(config, executor, faults, REGION.id(), ACCOUNT_ID, endpoint.toString());
        service.sessions().launcher(new SparkConnectLauncher(this));
        return service;
    }

    /**
     * Makes this running stand-in as good as a new one started with {@code newConfig}, keeping only what is costly
     * to start (the endpoint, s3proxy, the parsed models): applications, job runs, sessions, the Glue catalog,
     * faults, recorded requests and every S3 object go; the bucket exists again, empty. {@code newConfig} may
     * change the clock, latencies and executor, not where the stand-in lives (data and models directories,
     * bucket, port). Call it while no request is in flight.
     */
    public void reset(StandInConfig newConfig) {
        requireNonNull(newConfig, "newConfig is null");
        if (!newConfig.dataDir().equals(config.dataDir()) || !newConfig.modelsDir().equals(config.modelsDir())
                || !newConfig.bucket().equals(config.bucket()) || newConfig.port() != config.port()) {
            throw new IllegalArgumentException("reset keeps the data and models directories, bucket and port; start a new stand-in instead");
        }
        faults.resume();
        emr.close();
        this.config = newConfig;
        this.faults = new Faults();
        requests.clear();
        s3Requests.clear();
        this.glue = new GlueCatalog(newConfig.clock(), ACCOUNT_ID);
        for (var bucket : blobStore.list().buckets()) {
            blobStore.deleteContainer(bucket.name()); // with every object in it
        }
        blobStore.createContainer(newConfig.bucket());
        deleteRecursively(newConfig.dataDir().resolve("jobs"));
        this.emr = newEmrServerless();
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }

    /** Starts a stand-in; close it to stop the servers and any running jobs. */
    public static AwsStandIn start(StandInConfig config) {
        try {
            return new AwsStandIn(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the AWS stand-in", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}: the endpoint override for every SDK client. */
    public URI endpoint() {
        return endpoint;
    }

    /** A bucket that exists from the start. */
    public String bucket() {
        return config.bucket();
    }

    public StandInConfig config() {
        return config;
    }

    public Faults faults() {
        return faults;
    }

    public GlueCatalog glue() {
        return glue;
    }

    /** The EMR Serverless and Glue requests accepted so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * The signed S3 requests served so far, in arrival order, named by operation ({@link S3Call}): apart from
     * {@link #requests()}, whose count and order tests rely on.
     */
    public List<RecordedRequest> s3Requests() {
        return List.copyOf(s3Requests);
    }

    /** Where s3proxy keeps objects: {@code <dir>/<bucket>/<key>} is the object's bytes. */
    public Path blobStoreDir() {
        return blobStoreDir(config);
    }

    /** The local file holding {@code s3://bucket/key} (which may not exist). */
    public Path localPath(String bucket, String key) {
        return blobStoreDir().resolve(bucket).resolve(key);
    }

    FilesystemNio2BlobStore blobStore() {
        return blobStore;
    }

    /** Fault: the application goes STOPPING now and its unfinished job runs end FAILED. */
    public void stopApplicationNow(String applicationId) {
        emr.stopApplicationNow(applicationId);
    }

    /** Every state the application has passed through, oldest first: transitions can outpace polling. */
    public List<String> applicationStates(String applicationId) {
        return emr.applicationHistory(applicationId);
    }

    /** EMR Serverless sessions: their states, servers, token lifetime and launcher (test hooks). */
    public StandInSessions sessions() {
        return emr.sessions();
    }

    /** Every state the job run has passed through, oldest first. */
    public List<String> jobRunStates(String applicationId, String jobRunId) {
        return emr.jobRunHistory(applicationId, jobRunId);
    }

    /** Points any SDK v2 client builder at the stand-in (endpoint, region, static dummy credentials). */
    public <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
        return builder.endpointOverride(endpoint).region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    public EmrServerlessClient emrServerlessClient() {
        return configure(EmrServerlessClient.builder()).build();
    }

    public GlueClient glueClient() {
        return configure(GlueClient.builder()).build();
    }

    public S3Client s3Client() {
        return configure(S3Client.builder()).forcePathStyle(true).build();
    }

    private static Path blobStoreDir(StandInConfig config) {
        return config.dataDir().resolve("s3");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            try {
                faults.holdWhileStalled();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // closing: the request is dropped unanswered, as a stopped process would
            }
            Service service = service(exchange);
            if (service == Service.S3 && exchange.getRequestURI().getPath().startsWith("/dashboard/")
                    && exchange.getRequestHeaders().getFirst("Authorization") == null) {
                dashboard(exchange);
                return;
            }
            if (faults.takeThrottle(service)) {
                fail(exchange, service, service == Service.S3 ? new AwsError("SlowDown", 503, "Please reduce your request rate.")
                        : new AwsError("ThrottlingException", 429, "Rate exceeded"));
                return;
            }
            if (faults.takeServerError(service)) {
                fail(exchange, service, switch (service) {
                    case S3 -> new AwsError("InternalError", 500, "We encountered an internal error. Please try again.");
                    case EMR_SERVERLESS -> new AwsError("InternalServerException", 500, "Internal server error");
                    case GLUE -> new AwsError("InternalServiceException", 500, "Internal service exception");
                });
                return;
            }
            switch (service) {
                case S3 -> {
                    RecordedRequest call = S3Call.of(exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getRequestHeaders(), body);
                    if (call.input().has("AccessKeyId")) { // an unsigned request (the shell's endpoint probe) is no identity's call
                        s3Requests.add(call);
                    }
                    s3.forward(exchange, body);
                }
                case EMR_SERVERLESS -> serve(exchange, body, Service.EMR_SERVERLESS, emrProtocol, emrValidator);
                case GLUE -> serve(exchange, body, Service.GLUE, glueProtocol, glueValidator);
            }
        } catch (RuntimeException | IOException e) {
            // Never let an exception kill the exchange silently: the SDK would see a reset connection.
            try {
                exchange.sendResponseHeaders(500, -1);
            } catch (IOException | RuntimeException ignored) {
                // headers were already sent
            }
            throw e;
        }
    }

    private void serve(HttpExchange exchange, byte[] body, Service service, ApiProtocol protocol, ModelValidator validator) throws IOException {
        try {
            ApiProtocol.Call call = protocol.parse(exchange, body);
            String inputShape = protocol.model().operation(call.operation()).orElseThrow().inputShape();
            if (inputShape != null) {
                List<String> errors;
                try {
                    errors = validator.validate(inputShape, call.input());
                } catch (ModelValidator.TypeMismatch e) {
                    throw new AwsError("SerializationException", 400, e.getMessage());
                }
                if (!errors.isEmpty()) {
                    throw AwsError.validation(ModelValidator.message(errors));
                }
            }
            requests.add(new RecordedRequest(service, call.operation(), call.input().deepCopy()));
            java.util.Optional<String> refusal = faults.takeRefusal(call.operation());
            if (refusal.isPresent()) {
                throw AwsError.validation(refusal.get());
            }
            var result = service == Service.GLUE ? glue.handle(call.operation(), call.input()) : emr.handle(call.operation(), call.input());
            protocol.writeResult(exchange, result);
        } catch (AwsError e) {
            protocol.writeError(exchange, e);
        }
    }

    private void fail(HttpExchange exchange, Service service, AwsError error) throws IOException {
        switch (service) {
            case EMR_SERVERLESS -> emrProtocol.writeError(exchange, error);
            case GLUE -> glueProtocol.writeError(exchange, error);
            case S3 -> {
                byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + error.code() + "</Code><Message>"
                        + error.getMessage() + "</Message><RequestId>" + UUID.randomUUID() + "</RequestId></Error>")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/xml");
                exchange.sendResponseHeaders(error.status(), exchange.getRequestMethod().equals("HEAD") ? -1 : xml.length);
                if (!exchange.getRequestMethod().equals("HEAD")) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(xml);
                    }
                }
            }
        }
    }

    private static void dashboard(HttpExchange exchange) throws IOException {
        byte[] html = ("<html><body>Spark UI is not available in the BenchBox AWS stand-in ("
                + exchange.getRequestURI().getPath() + ")</body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        exchange.sendResponseHeaders(200, html.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(html);
        }
    }

    private static Service service(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            Matcher m = CREDENTIAL_SCOPE.matcher(auth);
            if (m.find()) {
                return Service.fromSigningName(m.group(1));
            }
        }
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            Matcher m = QUERY_SCOPE.matcher(query);
            if (m.find()) {
                return Service.fromSigningName(m.group(1));
            }
        }
        return Service.S3;
    }

    @Override
    public void close() {
        faults.resume();
        server.stop(0);
        serverThreads.shutdownNow();
        emr.close();
        try {
            s3Proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop s3proxy", e);
        }
    }
}
