package dev.benchbox.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * EMR Serverless sessions (StartSession, GetSession, GetSessionEndpoint, ListSessions, TerminateSession) with AWS's
 * states: SUBMITTED → STARTING → STARTED → IDLE (BUSY while a call runs is not tracked) → TERMINATING → TERMINATED,
 * or FAILED when the server cannot start. Only applications on emr-7.13.0 or later with
 * {@code interactiveConfiguration.sessionEnabled} take sessions; a CREATED/STOPPED application with auto-start starts.
 * StartSession is idempotent by clientToken. The idle timeout counts from the last accepted Spark Connect call (or the
 * start) in stand-in "minutes". GetSessionEndpoint issues a fresh token, valid for {@link #tokenLifetime(Duration)}.
 * Billing: the driver and executors of the session's Spark properties, each for its running time, one minute minimum.
 */
public final class StandInSessions implements AutoCloseable {

    /** What the sessions need to know about an application; supplied by {@link EmrServerless}. */
    interface Applications {
        /** The application's release, state and settings (throws NotFound for an unknown one). */
        AppView view(String applicationId);

        /** Starts a CREATED or STOPPED application with auto-start (StartSession does, as a job run does). */
        void autoStart(String applicationId);
    }

    record AppView(String id, String releaseLabel, String state, JsonNode settings) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern RELEASE = Pattern.compile("emr-(\\d+)\\.(\\d+)\\.(\\d+)");
    // the AWS runtime for Apache Spark 4 has sessions (not its preview)
    private static final Pattern SPARK4_RELEASE = Pattern.compile("emr-spark-8\\.\\d+\\.\\d+");
    private static final Set<String> ENDED = Set.of("TERMINATED", "FAILED");
    private static final long DEFAULT_IDLE_MINUTES = 60;

    private final StandInConfig config;
    private final Applications apps;
    private final String region;
    private final String accountId;
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("standin-session-timer"));
    private final ExecutorService launches = Executors.newCachedThreadPool(daemon("standin-session-launch"));
    private final Map<String, Sess> sessions = new LinkedHashMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private volatile SessionLauncher launcher;
    private volatile Duration tokenLifetime = Duration.ofMinutes(60);

    private static final class Sess {
        String appId;
        String id;
        String arn;
        String name;
        String releaseLabel;
        String role;
        ObjectNode request;
        long idleMinutes;
        List<WorkerSize> workers;
        Map<String, String> sparkConf;
        String state;
        String details = "";
        Instant createdAt;
        Instant updatedAt;
        Instant startedAt;
        Instant endedAt;
        Instant idleSince;
        Path work;
        Path tokensFile;
        Path activityFile;
        SessionLauncher.Server server;
        ResourceUtilization total;
        ResourceUtilization billed;
        final Map<String, Long> issued = new LinkedHashMap<>();
        final List<String> history = new ArrayList<>();
    }

    StandInSessions(StandInConfig config, Applications apps, String region, String accountId) {
        this.config = requireNonNull(config, "config is null");
        this.apps = requireNonNull(apps, "apps is null");
        this.region = requireNonNull(region, "region is null");
        this.accountId = requireNonNull(accountId, "accountId is null");
        Duration tick = config.minute().dividedBy(4);
        timer.scheduleWithFixedDelay(this::checkIdle, tick.toMillis(), Math.max(1, tick.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Replaces what starts a session's server (tests of the state machine use a plain socket). */
    public void launcher(SessionLauncher newLauncher) {
        this.launcher = requireNonNull(newLauncher, "launcher is null");
    }

    /** How long a token from GetSessionEndpoint is valid (AWS: about an hour); short in tests of refreshing. */
    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = requireNonNull(lifetime, "lifetime is null");
    }

    /**
     * Every token issued for the session so far expires now, as its lifetime running out would make it: its server
     * refuses them from the next call on. Tests of refreshing use it instead of waiting out a lifetime.
     */
    public synchronized void expireTokens(String sessionId) {
        Sess s = sessions.get(sessionId);
        if (s == null) {
            throw new IllegalArgumentException("no session " + sessionId);
        }
        long now = Instant.now().toEpochMilli();
        s.issued.replaceAll((token, until) -> Math.min(until, now));
        writeTokens(s);
    }

    /** Every state the session has been in, oldest first. */
    public synchronized List<String> history(String sessionId) {
        Sess s = sessions.get(sessionId);
        return s == null ? List.of() : List.copyOf(s.history);
    }

    /** Sessions whose server is still running (a test checks none is left behind). */
    public synchronized List<String> running() {
        List<String> out = new ArrayList<>();
        sessions.values().forEach(s -> {
            if (s.server != null && s.server.alive()) {
                out.add(s.id);
            }
        });
        return out;
    }

    /** Fault: the session's server dies, as when its driver fails; the session ends FAILED. */
    public void killServer(String sessionId) {
        SessionLauncher.Server server;
        synchronized (this) {
            server = sessions.get(sessionId).server;
        }
        if (server != null) {
            server.stop();
        }
    }

    ObjectNode handle(String operation, ObjectNode in) {
        // the application lookups happen first, outside this object's lock
        String appId = in.get("applicationId").asText();
        AppView app = apps.view(appId);
        if (operation.equals("StartSession")) {
            checkApplication(app);
            if (app.state().equals("CREATED") || app.state().equals("STOPPED")) {
                apps.autoStart(appId);
            }
        }
        synchronized (this) {
            return switch (operation) {
                case "StartSession" -> start(app, in);
                case "GetSession" -> wrap("session", json(session(in)));
                case "GetSessionEndpoint" -> endpoint(session(in));
                case "ListSessions" -> list(appId, in);
                case "TerminateSession" -> terminate(session(in));
                default -> throw AwsError.validation("Operation " + operation + " is not supported by the stand-in");
            };
        }
    }

    private static void checkApplication(AppView app) {
        Matcher m = RELEASE.matcher(app.releaseLabel());
        boolean spark4 = SPARK4_RELEASE.matcher(app.releaseLabel()).matches();
        if (!spark4 && (!m.matches() || Integer.parseInt(m.group(1)) < 7 || Integer.parseInt(m.group(1)) == 7 && Integer.parseInt(m.group(2)) < 13)) {
            throw AwsError.validation("Sessions are supported on release emr-7.13.0 and later; application " + app.id() + " runs "
                    + app.releaseLabel());
        }
        if (!app.settings().path("interactiveConfiguration").path("sessionEnabled").asBoolean(false)) {
            throw AwsError.validation("Sessions are not enabled for application " + app.id()
                    + "; update it with interactiveConfiguration.sessionEnabled=true");
        }
        if (app.state().equals("TERMINATED") || app.state().equals("CREATING")) {
            throw AwsError.validation("Application " + app.id() + " is in " + app.state() + " state and cannot start sessions");
        }
        if ((app.state().equals("CREATED") || app.state().equals("STOPPED"))
                && !app.settings().path("autoStartConfiguration").path("enabled").asBoolean(true)) {
            throw AwsError.validation("Application " + app.id() + " is " + app.state() + " and auto-start is off; start it first");
        }
    }

    private ObjectNode start(AppView app, ObjectNode in) {
        String token = in.get("clientToken").asText();
        String existing = tokens.get(token);
        if (existing != null) {
            Sess s = sessions.get(existing);
            if (!s.request.equals(in)) {
                throw AwsError.conflict("Client token " + token + " was already used for a different request");
            }
            return started(s);
        }
        Sess s = new Sess();
        s.appId = app.id();
        s.id = newId();
        s.arn = "arn:aws:emr-serverless:" + region + ":" + accountId + ":/applications/" + app.id() + "/sessions/" + s.id;
        s.name = in.path("name").asText(null);
        s.releaseLabel = app.releaseLabel();
        s.role = in.get("executionRoleArn").asText();
        s.request = in.deepCopy();
        s.idleMinutes = in.hasNonNull("idleTimeoutMinutes") ? in.get("idleTimeoutMinutes").asLong() : DEFAULT_IDLE_MINUTES;
        s.sparkConf = new LinkedHashMap<>();
        sparkDefaults(app.settings().path("runtimeConfiguration"), s.sparkConf);
        sparkDefaults(in.path("configurationOverrides").path("applicationConfiguration"), s.sparkConf);
        s.workers = EmrServerless.workers(s.sparkConf);
        s.createdAt = now();
        setState(s, "SUBMITTED");
        sessions.put(s.id, s);
        tokens.put(token, s.id);
        launches.execute(() -> launch(s));
        return started(s);
    }

    private void launch(Sess s) {
        try {
            Thread.sleep(config.transition().toMillis());
            waitForApplication(s);
            synchronized (this) {
                if (!s.state.equals("SUBMITTED")) {
                    return; // terminated before it got going
                }
                setState(s, "STARTING");
                s.work = Files.createDirectories(config.dataDir().resolve("sessions").resolve(s.id));
                s.tokensFile = s.work.resolve("tokens.tsv");
                s.activityFile = s.work.resolve("activity");
                Files.writeString(s.tokensFile, "");
                Files.writeString(s.activityFile, "");
            }
            SessionLauncher current = launcher;
            SessionLauncher.Server server = current.launch(new SessionLauncher.Launch(s.appId, s.id, s.sparkConf, s.work, s.tokensFile,
                    s.activityFile, s.releaseLabel));
            synchronized (this) {
                if (!s.state.equals("STARTING")) {
                    server.stop(); // terminated while starting
                    return;
                }
                s.server = server;
                setState(s, "STARTED");
                s.startedAt = s.updatedAt;
                touch(s);
            }
            Thread.sleep(config.transition().toMillis());
            synchronized (this) {
                if (s.state.equals("STARTED")) {
                    setState(s, "IDLE");
                    s.idleSince = s.updatedAt;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            synchronized (this) {
                end(s, "FAILED", "Session failed to start: " + e.getMessage());
            }
        }
    }

    private void waitForApplication(Sess s) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            String state = apps.view(s.appId).state();
            if (state.equals("STARTED")) {
                return;
            }
            if (!state.equals("STARTING") && !state.equals("CREATED") && !state.equals("STOPPED")) {
                throw new IllegalStateException("application " + s.appId + " is " + state);
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("application " + s.appId + " did not start");
    }

    private ObjectNode started(Sess s) {
        return JSON.objectNode().put("applicationId", s.appId).put("sessionId", s.id).put("arn", s.arn);
    }

    private ObjectNode endpoint(Sess s) {
        if (!s.state.equals("STARTED") && !s.state.equals("IDLE") && !s.state.equals("BUSY")) {
            throw AwsError.validation("Session " + s.id + " is in " + s.state + " state; its endpoint is available once it is STARTED");
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expires = Instant.now().plus(tokenLifetime);
        s.issued.put(token, expires.toEpochMilli());
        writeTokens(s);
        return JSON.objectNode().put("applicationId", s.appId).put("sessionId", s.id)
                .put("endpoint", "http://127.0.0.1:" + s.server.port()).put("authToken", token)
                .put("authTokenExpiresAt", expires.toEpochMilli() / 1000.0);
    }

    private void writeTokens(Sess s) {
        StringBuilder lines = new StringBuilder();
        s.issued.forEach((t, until) -> lines.append(t).append('\t').append(until).append('\n'));
        try {
            Path partial = s.tokensFile.resolveSibling("tokens.tsv.partial");
            Files.writeString(partial, lines, StandardCharsets.UTF_8);
            Files.move(partial, s.tokensFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the session's tokens", e);
        }
    }

    private ObjectNode terminate(Sess s) {
        if (ENDED.contains(s.state) || s.state.equals("TERMINATING")) {
            return JSON.objectNode().put("applicationId", s.appId).put("sessionId", s.id);
        }
        setState(s, "TERMINATING");
        SessionLauncher.Server server = s.server;
        launches.execute(() -> {
            if (server != null) {
                server.stop();
            }
            synchronized (this) {
                end(s, "TERMINATED", s.details.isEmpty() ? "Session was terminated by the user" : s.details);
            }
        });
        return JSON.objectNode().put("applicationId", s.appId).put("sessionId", s.id);
    }

    private void end(Sess s, String state, String details) {
        if (ENDED.contains(s.state)) {
            return;
        }
        setState(s, state);
        s.details = details;
        s.endedAt = s.updatedAt;
        Duration ran = s.startedAt == null ? Duration.ZERO : Duration.between(s.startedAt, s.endedAt);
        List<Billing.WorkerUsage> usage = new ArrayList<>();
        if (s.startedAt != null) {
            s.workers.forEach(w -> usage.add(new Billing.WorkerUsage(w, ran)));
        }
        s.total = Billing.total(usage);
        s.billed = Billing.billed(usage);
        if (s.server != null && s.server.alive()) {
            SessionLauncher.Server server = s.server;
            launches.execute(server::stop);
        }
    }

    private void checkIdle() {
        List<Sess> idle = new ArrayList<>();
        synchronized (this) {
            for (Sess s : sessions.values()) {
                if (s.state.equals("IDLE") || s.state.equals("STARTED")) {
                    if (s.server != null && !s.server.alive()) {
                        end(s, "FAILED", "Session driver exited unexpectedly");
                        continue;
                    }
                    Instant last = lastActivity(s);
                    Duration timeout = config.minute().multipliedBy(s.idleMinutes);
                    if (Duration.between(last, Instant.now()).compareTo(timeout) >= 0) {
                        idle.add(s);
                    }
                }
            }
            for (Sess s : idle) {
                s.details = "Session terminated after " + s.idleMinutes + " idle minutes";
                terminate(s);
            }
        }
    }

    private static Instant lastActivity(Sess s) {
        try {
            return Files.getLastModifiedTime(s.activityFile).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static void touch(Sess s) {
        try {
            Files.setLastModifiedTime(s.activityFile, FileTime.from(Instant.now()));
        } catch (IOException ignored) {
            // the idle timeout then counts from the file's creation
        }
    }

    private ObjectNode list(String appId, ObjectNode in) {
        Set<String> states = new HashSet<>();
        in.path("states").forEach(n -> states.add(n.asText()));
        List<Sess> matching = new ArrayList<>();
        for (Sess s : sessions.values()) {
            if (s.appId.equals(appId) && (states.isEmpty() || states.contains(s.state))) {
                matching.add(s);
            }
        }
        matching.sort(Comparator.comparing((Sess s) -> s.createdAt).reversed());
        int size = in.hasNonNull("maxResults") ? in.get("maxResults").asInt() : 50;
        int from = in.hasNonNull("nextToken") ? Integer.parseInt(in.get("nextToken").asText()) : 0;
        int to = Math.min(matching.size(), from + size);
        ObjectNode out = JSON.objectNode();
        ArrayNode list = out.putArray("sessions");
        for (Sess s : matching.subList(Math.min(from, to), to)) {
            ObjectNode summary = JSON.objectNode().put("applicationId", s.appId).put("sessionId", s.id).put("arn", s.arn);
            if (s.name != null) {
                summary.put("name", s.name);
            }
            summary.put("state", s.state).put("stateDetails", s.details).put("releaseLabel", s.releaseLabel)
                    .put("executionRoleArn", s.role).put("createdBy", createdBy())
                    .put("createdAt", epoch(s.createdAt)).put("updatedAt", epoch(s.updatedAt));
            list.add(summary);
        }
        if (to < matching.size()) {
            out.put("nextToken", Integer.toString(to));
        }
        return out;
    }

    private ObjectNode json(Sess s) {
        ObjectNode o = JSON.objectNode().put("applicationId", s.appId).put("sessionId", s.id).put("arn", s.arn);
        if (s.name != null) {
            o.put("name", s.name);
        }
        o.put("state", s.state).put("stateDetails", s.details).put("releaseLabel", s.releaseLabel).put("executionRoleArn", s.role)
                .put("createdBy", createdBy()).put("createdAt", epoch(s.createdAt)).put("updatedAt", epoch(s.updatedAt))
                .put("idleTimeoutMinutes", s.idleMinutes);
        for (String member : List.of("configurationOverrides", "tags")) {
            if (s.request.has(member)) {
                o.set(member, s.request.get(member).deepCopy());
            }
        }
        if (s.startedAt != null) {
            o.put("startedAt", epoch(s.startedAt));
        }
        if (s.idleSince != null && s.state.equals("IDLE")) {
            o.put("idleSince", epoch(s.idleSince));
        }
        if (ENDED.contains(s.state)) {
            o.put("endedAt", epoch(s.endedAt));
            o.put("totalExecutionDurationSeconds", s.startedAt == null ? 0 : Duration.between(s.startedAt, s.endedAt).toSeconds());
            o.set("totalResourceUtilization", utilization(s.total));
            o.set("billedResourceUtilization", utilization(s.billed));
        }
        return o;
    }

    private static ObjectNode utilization(ResourceUtilization u) {
        return JSON.objectNode().put("vCPUHour", u.vCpuHour()).put("memoryGBHour", u.memoryGbHour()).put("storageGBHour", u.storageGbHour());
    }

    private Sess session(ObjectNode in) {
        Sess s = sessions.get(in.get("sessionId").asText());
        if (s == null || !s.appId.equals(in.get("applicationId").asText())) {
            throw AwsError.notFound("Session " + in.get("sessionId").asText() + " does not exist");
        }
        return s;
    }

    private void setState(Sess s, String state) {
        s.state = state;
        s.history.add(state);
        s.updatedAt = now();
    }

    private static void sparkDefaults(JsonNode configurations, Map<String, String> conf) {
        for (JsonNode c : configurations) {
            if (c.path("classification").asText().equals("spark-defaults")) {
                c.path("properties").properties().forEach(e -> conf.put(e.getKey(), e.getValue().asText()));
            }
        }
    }

    private Instant now() {
        return config.clock().instant();
    }

    private static double epoch(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }

    private String createdBy() {
        return "arn:aws:iam::" + accountId + ":user/standin";
    }

    private String newId() {
        StringBuilder sb = new StringBuilder("00");
        String alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        for (int i = 0; i < 15; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static ObjectNode wrap(String name, ObjectNode value) {
        ObjectNode out = JSON.objectNode();
        out.set(name, value);
        return out;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops every session's server: nothing is left running when the stand-in closes. */
    @Override
    public void close() {
        timer.shutdownNow();
        List<SessionLauncher.Server> servers = new ArrayList<>();
        synchronized (this) {
            sessions.values().forEach(s -> {
                if (s.server != null) {
                    servers.add(s.server);
                }
                if (!ENDED.contains(s.state)) {
                    end(s, "TERMINATED", "The stand-in stopped");
                }
            });
        }
        servers.forEach(SessionLauncher.Server::stop);
        launches.shutdownNow();
    }
}
