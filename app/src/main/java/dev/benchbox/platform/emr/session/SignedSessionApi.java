package dev.benchbox.platform.emr.session;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.benchbox.BenchboxException;
import dev.benchbox.platform.SessionInfo;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The session operations as REST-JSON requests (the model's URIs and member names), signed with the SDK's SigV4
 * signer ({@code http-auth-aws}) and sent with the JDK's HTTP client. Throttling and server errors are retried
 * with backoff, a retried StartSession with the same client token. Errors become one line naming the operation and
 * AWS's error type.
 */
public final class SignedSessionApi implements SessionApi {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SignedSessionApi.class);
    static final String SIGNING_NAME = "emr-serverless";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    // headers the JDK client sets itself and refuses to be given
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private static final int ATTEMPTS = 4;

    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final HttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final Duration timeout;

    /**
     * @param endpoint the service endpoint, or null for {@code https://emr-serverless.REGION.amazonaws.com}
     * @param region the region, signed into each request
     * @param credentials the SDK's credentials provider (the same chain the SDK clients use)
     */
    public SignedSessionApi(URI endpoint, String region, AwsCredentialsProvider credentials, Duration timeout) {
        this.region = requireNonNull(region, "region is null");
        this.endpoint = endpoint != null ? endpoint : URI.create("https://emr-serverless." + region + ".amazonaws.com");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public String start(StartRequest request) {
        JsonNode answer = call("StartSession", request.applicationId(), SdkHttpMethod.POST, "/applications/" + seg(request.applicationId()) + "/sessions",
                startBody(request));
        return answer.path("sessionId").asText();
    }

    /** StartSession's body, with the API's member names (the application id travels in the path). */
    public static ObjectNode startBody(StartRequest request) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("clientToken", request.clientToken());
        body.put("executionRoleArn", request.executionRoleArn());
        if (request.name() != null) {
            body.put("name", request.name());
        }
        body.put("idleTimeoutMinutes", request.idleTimeoutMinutes());
        if (!request.sparkDefaults().isEmpty()) {
            ObjectNode classification = body.putObject("configurationOverrides").putArray("applicationConfiguration").addObject();
            classification.put("classification", "spark-defaults");
            ObjectNode properties = classification.putObject("properties");
            request.sparkDefaults().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> properties.put(e.getKey(), e.getValue()));
        }
        if (!request.tags().isEmpty()) {
            ObjectNode tags = body.putObject("tags");
            request.tags().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> tags.put(e.getKey(), e.getValue()));
        }
        return body;
    }

    @Override
    public Described get(String applicationId, String sessionId) {
        JsonNode s = call("GetSession", sessionId, SdkHttpMethod.GET, path(applicationId, sessionId), null).path("session");
        return new Described(info(s), utilization(s.get("totalResourceUtilization")), utilization(s.get("billedResourceUtilization")),
                s.path("totalExecutionDurationSeconds").asLong(0));
    }

    @Override
    public Endpoint endpoint(String applicationId, String sessionId) {
        JsonNode e = call("GetSessionEndpoint", sessionId, SdkHttpMethod.GET, path(applicationId, sessionId) + "/endpoint", null);
        return new Endpoint(e.path("endpoint").asText(), e.path("authToken").asText(), instant(e.get("authTokenExpiresAt")));
    }

    @Override
    public String dashboard(String applicationId, String sessionId) {
        return call("GetResourceDashboard", sessionId, SdkHttpMethod.GET, "/applications/" + seg(applicationId)
                + "/dashboard?resourceId=" + seg(sessionId) + "&resourceType=SESSION", null).path("url").asText();
    }

    @Override
    public List<SessionInfo> list(String applicationId, List<String> states) {
        List<SessionInfo> out = new ArrayList<>();
        String next = null;
        do {
            StringBuilder query = new StringBuilder();
            for (String state : states) {
                query.append(query.isEmpty() ? "?" : "&").append("states=").append(URLEncoder.encode(state, StandardCharsets.UTF_8));
            }
            if (next != null) {
                query.append(query.isEmpty() ? "?" : "&").append("nextToken=").append(URLEncoder.encode(next, StandardCharsets.UTF_8));
            }
            JsonNode page = call("ListSessions", applicationId, SdkHttpMethod.GET, "/applications/" + seg(applicationId) + "/sessions" + query, null);
            page.path("sessions").forEach(s -> out.add(info(s)));
            next = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
        } while (next != null);
        return out;
    }

    @Override
    public void terminate(String applicationId, String sessionId) {
        call("TerminateSession", sessionId, SdkHttpMethod.DELETE, path(applicationId, sessionId), null);
    }

    @Override
    public boolean sessionsEnabled(String applicationId) {
        JsonNode app = call("GetApplication", applicationId, SdkHttpMethod.GET, "/applications/" + seg(applicationId), null).path("application");
        return app.path("interactiveConfiguration").path("sessionEnabled").asBoolean(false);
    }

    @Override
    public void enableSessions(String applicationId, String clientToken) {
        ObjectNode body = MAPPER.createObjectNode().put("clientToken", clientToken);
        body.putObject("interactiveConfiguration").put("sessionEnabled", true);
        call("UpdateApplication", applicationId, SdkHttpMethod.PATCH, "/applications/" + seg(applicationId), body);
    }

    // what a call is about, from its path: /applications/{applicationId}[/sessions/{sessionId}]
    private static final java.util.regex.Pattern RESOURCE_PATH = java.util.regex.Pattern.compile("/applications/([^/?]+)(?:/sessions/([^/?]+))?");

    private JsonNode call(String operation, String resource, SdkHttpMethod method, String pathAndQuery, ObjectNode body) {
        long started = System.nanoTime();
        java.util.regex.Matcher ids = RESOURCE_PATH.matcher(pathAndQuery);
        String named = "AWS EMR Serverless " + operation;
        if (ids.lookingAt()) {
            String application = java.net.URLDecoder.decode(ids.group(1), StandardCharsets.UTF_8);
            dev.benchbox.log.CommandTrail.touched("application", application);
            named += " (applicationId=" + application;
            if (ids.group(2) != null) {
                String session = java.net.URLDecoder.decode(ids.group(2), StandardCharsets.UTF_8);
                dev.benchbox.log.CommandTrail.touched("session", session);
                named += ", sessionId=" + session;
            }
            named += ")";
        }
        try {
            JsonNode answer = send(operation, resource, method, pathAndQuery, body);
            String sessionId = answer.path("sessionId").asText(answer.path("session").path("sessionId").asText(""));
            dev.benchbox.log.CommandTrail.touched("session", sessionId);
            String line = named + (sessionId.isEmpty() || named.contains(sessionId) ? "" : " -> sessionId=" + sessionId) + " ok in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms";
            if (method == SdkHttpMethod.GET) {
                log.debug(line);
            } else {
                log.info(line);
            }
            return answer;
        } catch (RuntimeException e) {
            log.warn("{} failed after {} ms: {}", named, (System.nanoTime() - started) / 1_000_000, e.getMessage());
            throw e;
        }
    }

    private JsonNode send(String operation, String resource, SdkHttpMethod method, String pathAndQuery, ObjectNode body) {
        byte[] bytes = body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
        URI uri = endpoint.resolve(pathAndQuery);
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response;
            try {
                response = http.send(signed(method, uri, bytes), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (attempt < ATTEMPTS) {
                    pause(attempt);
                    continue;
                }
                throw new BenchboxException(SIGNING_NAME + ":" + operation + " (" + resource + ") failed: cannot reach " + endpoint
                        + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchboxException(SIGNING_NAME + ":" + operation + " interrupted");
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                return response.body().length == 0 ? MAPPER.createObjectNode() : read(response.body());
            }
            if ((status == 429 || status >= 500) && attempt < ATTEMPTS) {
                pause(attempt);
                continue;
            }
            JsonNode error = response.body().length == 0 ? MAPPER.createObjectNode() : read(response.body());
            String type = response.headers().firstValue("x-amzn-ErrorType").orElse("HTTP " + status).split(":")[0];
            // AWS support finds a failed call by its request ID: the log keeps it, the screen's line stays short
            response.headers().firstValue("x-amzn-RequestId").ifPresent(id ->
                    log.warn("AWS EMR Serverless {} ({}): HTTP {} {}, request ID {}", operation, pathAndQuery, status, type, id));
            String message = error.path("message").asText(error.path("Message").asText(""));
            String hint = type.equals("AccessDeniedException") ? " (the caller needs " + SIGNING_NAME + ":" + operation + ")" : "";
            throw new BenchboxException(SIGNING_NAME + ":" + operation + " (" + resource + ") failed: " + type
                    + (message.isEmpty() ? "" : ": " + message) + hint);
        }
    }

    private HttpRequest signed(SdkHttpMethod method, URI uri, byte[] body) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().uri(uri).method(method);
        if (body.length > 0) {
            unsigned.putHeader("Content-Type", "application/json");
        }
        AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
        SignedRequest signed = signer.sign(r -> r.identity(identity).request(unsigned.build())
                .payload(body.length > 0 ? ContentStreamProvider.fromByteArray(body) : null)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder out = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method.name(), body.length > 0 ? HttpRequest.BodyPublishers.ofByteArray(body) : HttpRequest.BodyPublishers.noBody());
        signed.request().headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> out.header(name, v));
            }
        });
        return out.build();
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep((long) (100 * Math.pow(2, attempt) * (0.5 + Math.random())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchboxException("interrupted");
        }
    }

    private static JsonNode read(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new BenchboxException("EMR Serverless answered with a body that is not JSON: " + e.getMessage(), e);
        }
    }

    static SessionInfo info(JsonNode s) {
        return new SessionInfo(s.path("sessionId").asText(), s.hasNonNull("name") ? s.get("name").asText() : null,
                s.path("state").asText(), s.path("stateDetails").asText(""), s.path("releaseLabel").asText(null),
                instant(s.get("createdAt")), instant(s.get("startedAt")), instant(s.get("endedAt")), s.path("idleTimeoutMinutes").asLong(0));
    }

    private static Utilization utilization(JsonNode u) {
        if (u == null || u.isNull()) {
            return Utilization.ZERO;
        }
        return new Utilization(u.path("vCPUHour").asDouble(), u.path("memoryGBHour").asDouble(), u.path("storageGBHour").asDouble());
    }

    private static Instant instant(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return n.isNumber() ? Instant.ofEpochMilli(Math.round(n.asDouble() * 1000)) : Instant.parse(n.asText());
    }

    private static String path(String applicationId, String sessionId) {
        return "/applications/" + seg(applicationId) + "/sessions/" + seg(sessionId);
    }

    private static String seg(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
