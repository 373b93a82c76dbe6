package dev.benchbox.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.benchbox.standin.JobExecutor.JobRequest;
import dev.benchbox.standin.JobExecutor.JobResult;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The EMR Serverless operations the stand-in serves (REST-JSON) with AWS's state machines.
 * <p>
 * Applications: CREATING→CREATED→STARTING→STARTED→STOPPING→STOPPED, TERMINATED after delete; auto-start on
 * job submission when enabled; auto-stop after the idle timeout (one "minute" = {@link StandInConfig#minute()});
 * updates and deletes only while CREATED or STOPPED. Job runs: SUBMITTED→PENDING→SCHEDULED→RUNNING→SUCCESS|FAILED,
 * CANCELLING→CANCELLED, QUEUED while the application's {@code schedulerConfiguration.maxConcurrentRuns} is
 * reached. Creation and submission are idempotent by clientToken. Timestamps and billing come from the
 * configured clock; waits are real but scaled by the configured latencies.
 */
public final class EmrServerless implements AutoCloseable {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> TERMINAL = Set.of("SUCCESS", "FAILED", "CANCELLED");
    // AWS's release list: emr-6.6.0 onwards, emr-7.x, the AWS runtime for Apache Spark 4 (emr-spark-8.x) and its preview
    private static final Pattern RELEASE_LABEL = Pattern.compile("emr-(6|7)\\.\\d+\\.\\d+|emr-spark-8\\.\\d+\\.\\d+|emr-spark-8\\.0-preview");
    private static final Pattern SIZE = Pattern.compile("([1-9][0-9]*)\\s?(?:vCPU|vcpu|VCPU|GB|gb|gB|Gb)?");
    private static final int DEFAULT_IDLE_MINUTES = 15;
    private static final int DEFAULT_EXECUTORS = 3;

    private final StandInConfig config;
    private final JobExecutor executor;
    private final Faults faults;
    private final String region;
    private final String accountId;
    private final String dashboardBase;
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService timer;
    private final ExecutorService jobThreads;
    private final Map<String, App> apps = new LinkedHashMap<>();
    private final Map<String, String> appTokens = new LinkedHashMap<>();
    private final StandInSessions sessions;

    EmrServerless(StandInConfig config, JobExecutor executor, Faults faults, String region, String accountId, String dashboardBase) {
        this.config = requireNonNull(config, "config is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.faults = requireNonNull(faults, "faults is null");
        this.region = requireNonNull(region, "region is null");
        this.accountId = requireNonNull(accountId, "accountId is null");
        this.dashboardBase = requireNonNull(dashboardBase, "dashboardBase is null");
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("standin-emr-timer"));
        this.jobThreads = Executors.newCachedThreadPool(daemon("standin-emr-job"));
        this.sessions = new StandInSessions(config, new StandInSessions.Applications() {
            @Override
            public StandInSessions.AppView view(String applicationId) {
                synchronized (EmrServerless.this) {
                    App app = apps.get(applicationId);
                    if (app == null) {
                        throw AwsError.notFound("Application " + applicationId + " does not exist");
                    }
                    return new StandInSessions.AppView(app.id, app.releaseLabel, app.state, app.settings.deepCopy());
                }
            }

            @Override
            public void autoStart(String applicationId) {
                synchronized (EmrServerless.this) {
                    start(apps.get(applicationId));
                }
            }
        }, region, accountId);
    }

    /** The session operations (StartSession ... TerminateSession) and their test hooks. */
    StandInSessions sessions() {
        return sessions;
    }

    private static final class App {
        String id;
        String arn;
        String name;
        String releaseLabel;
        String type;
        ObjectNode settings;
        ObjectNode request;
        String state;
        String stateDetails = "";
        Instant createdAt;
        Instant updatedAt;
        long activity;
        final Map<String, String> tags = new java.util.TreeMap<>();
        final List<String> history = new ArrayList<>();
        final Map<String, Run> runs = new LinkedHashMap<>();
        final Map<String, String> runTokens = new LinkedHashMap<>();
    }

    private static final class Run {
        App app;
        String id;
        String arn;
        String name;
        String executionRole;
        ObjectNode request;
        JobRequest job;
        List<WorkerSize> workers;
        String state;
        String stateDetails = "";
        Instant createdAt;
        Instant updatedAt;
        Instant startedAt;
        Instant endedAt;
        Instant queuedAt;
        long queuedMillis;
        Thread thread;
        String forcedFailure;
        ResourceUtilization total;
        ResourceUtilization billed;
        final Map<String, String> tags = new java.util.TreeMap<>();
        final List<String> history = new ArrayList<>();
    }

    synchronized ObjectNode handle(String operation, ObjectNode in) {
        return switch (operation) {
            case "CreateApplication" -> createApplication(in);
            case "GetApplication" -> wrap("application", applicationJson(app(in))); 
            case "ListApplications" -> listApplications(in);
            case "StartApplication" -> startApplication(app(in));
            case "StopApplication" -> stopApplication(app(in));
            case "UpdateApplication" -> updateApplication(in);
            case "DeleteApplication" -> deleteApplication(app(in));
            case "StartJobRun" -> startJobRun(in);
            case "GetJobRun" -> wrap("jobRun", runJson(run(in)));
            case "ListJobRuns" -> listJobRuns(in);
            case "CancelJobRun" -> cancelJobRun(run(in));
            case "GetDashboardForJobRun" -> dashboard(run(in));
            case "GetResourceDashboard" -> resourceDashboard(in);
            case "TagResource" -> tagResource(in);
            case "UntagResource" -> untagResource(in);
            case "ListTagsForResource" -> listTags(in);
            case "StartSession", "GetSession", "GetSessionEndpoint", "ListSessions", "TerminateSession" -> sessions.handle(operation, in);
            default -> throw AwsError.validation("Operation " + operation + " is not supported by the stand-in");
        };
    }

    /** Fault: the application goes STOPPING now; every unfinished job run of it ends FAILED. */
    synchronized void stopApplicationNow(String applicationId) {
        App app = apps.get(applicationId);
        if (app == null) {
            throw new IllegalArgumentException("no application " + applicationId);
        }
        for (Run r : app.runs.values()) {
            if (!TERMINAL.contains(r.state)) {
                r.forcedFailure = "Application " + app.id + " was stopped while the job run was in progress";
                if (r.state.equals("RUNNING") || r.state.equals("CANCELLING") && r.startedAt != null) {
                    interrupt(r); // the job thread ends the run FAILED when the executor returns
                } else {
                    end(r, "FAILED", r.forcedFailure);
                }
            }
        }
        stop(app);
    }

    /** Every state the application has been in, oldest first (a test hook: transitions can be quicker than polling). */
    synchronized List<String> applicationHistory(String applicationId) {
        App app = apps.get(applicationId);
        return app == null ? List.of() : List.copyOf(app.history);
    }

    /** Every state the job run has been in, oldest first. */
    synchronized List<String> jobRunHistory(String applicationId, String jobRunId) {
        App app = apps.get(applicationId);
        Run r = app == null ? null : app.runs.get(jobRunId);
        return r == null ? List.of() : List.copyOf(r.history);
    }

    // ---- applications -------------------------------------------------------------------------------

    private ObjectNode createApplication(ObjectNode in) {
        String token = in.get("clientToken").asText();
        String existing = appTokens.get(token);
        if (existing != null) {
            App app = apps.get(existing);
            sameRequest(app.request, in, token);
            return createdResponse(app);
        }
        String type = in.get("type").asText();
        if (!type.equalsIgnoreCase("Spark") && !type.equalsIgnoreCase("Hive")) {
            throw AwsError.validation("Unsupported engine " + type);
        }
        checkReleaseLabel(in.get("releaseLabel").asText());
        checkCapacity(in);
        Map<String, String> tags = checkTags(Map.of(), in.get("tags"));
        App app = new App();
        app.tags.putAll(tags);
        app.id = newId();
        app.arn = "arn:aws:emr-serverless:" + region + ":" + accountId + ":/applications/" + app.id;
        app.name = in.path("name").asText(null);
        app.releaseLabel = in.get("releaseLabel").asText();
        app.type = type;
        app.request = in.deepCopy();
        app.settings = JSON.objectNode();
        app.settings.set("autoStartConfiguration", JSON.objectNode().put("enabled", true));
        app.settings.set("autoStopConfiguration", JSON.objectNode().put("enabled", true).put("idleTimeoutMinutes", DEFAULT_IDLE_MINUTES));
        app.settings.put("architecture", "X86_64");
        mergeSettings(app, in);
        app.createdAt = now();
        app.updatedAt = app.createdAt;
        setState(app, "CREATING");
        apps.put(app.id, app);
        appTokens.put(token, app.id);
        later(config.transition(), () -> {
            if (app.state.equals("CREATING")) {
                setState(app, "CREATED");
            }
        });
        return createdResponse(app);
    }

    private ObjectNode createdResponse(App app) {
        ObjectNode out = JSON.objectNode().put("applicationId", app.id).put("arn", app.arn);
        if (app.name != null) {
            out.put("name", app.name);
        }
        return out;
    }

    private ObjectNode listApplications(ObjectNode in) {
        Set<String> states = stringSet(in.get("states"));
        List<ObjectNode> summaries = new ArrayList<>();
        for (App app : apps.values()) {
            if (states.isEmpty() || states.contains(app.state)) {
                ObjectNode s = JSON.objectNode().put("id", app.id).put("arn", app.arn)
                        .put("releaseLabel", app.releaseLabel).put("type", app.type).put("state", app.state)
                        .put("stateDetails", app.stateDetails);
                if (app.name != null) {
                    s.put("name", app.name);
                }
                s.put("createdAt", epoch(app.createdAt)).put("updatedAt", epoch(app.updatedAt));
                s.put("architecture", app.settings.path("architecture").asText());
                summaries.add(s);
            }
        }
        return page(summaries, in, "applications");
    }

    private ObjectNode startApplication(App app) {
        switch (app.state) {
            case "CREATED", "STOPPED" -> start(app);
            case "STARTING", "STARTED" -> { } // already on its way: AWS answers 200
            default -> throw AwsError.validation("Application " + app.id + " is in " + app.state + " state and cannot be started");
        }
        return JSON.objectNode();
    }

    private ObjectNode stopApplication(App app) {
        switch (app.state) {
            case "STARTING", "STARTED" -> {
                if (app.runs.values().stream().anyMatch(r -> !TERMINAL.contains(r.state))) {
                    throw AwsError.validation("Application " + app.id + " has job runs that are not complete; "
                            + "cancel them or wait for them to finish before stopping the application");
                }
                stop(app);
            }
            case "CREATED", "STOPPING", "STOPPED" -> { }
            default -> throw AwsError.validation("Application " + app.id + " is in " + app.state + " state and cannot be stopped");
        }
        return JSON.objectNode();
    }

    private ObjectNode updateApplication(ObjectNode in) {
        App app = app(in);
        if (!app.state.equals("CREATED") && !app.state.equals("STOPPED")) {
            throw AwsError.validation("Application " + app.id + " must be in CREATED or STOPPED state to be updated, but is " + app.state);
        }
        if (in.hasNonNull("releaseLabel")) {
            checkReleaseLabel(in.get("releaseLabel").asText());
            app.releaseLabel = in.get("releaseLabel").asText();
        }
        checkCapacity(in);
        mergeSettings(app, in);
        app.updatedAt = now();
        return wrap("application", applicationJson(app));
    }

    private ObjectNode deleteApplication(App app) {
        if (!app.state.equals("CREATED") && !app.state.equals("STOPPED")) {
            throw AwsError.validation("Application " + app.id + " must be in CREATED or STOPPED state to be deleted, but is " + app.state);
        }
        setState(app, "TERMINATED");
        return JSON.objectNode();
    }

    private void start(App app) {
        setState(app, "STARTING");
        Duration latency = hasInitialCapacity(app) ? config.preInitializedStart() : config.coldStart();
        later(latency, () -> {
            if (app.state.equals("STARTING")) {
                setState(app, "STARTED");
                scheduleJobs(app);
                scheduleIdleStop(app);
            }
        });
    }

    private void stop(App app) {
        setState(app, "STOPPING");
        later(config.transition(), () -> {
            if (app.state.equals("STOPPING")) {
                setState(app, "STOPPED");
            }
        });
    }

    private void scheduleIdleStop(App app) {
        JsonNode autoStop = app.settings.path("autoStopConfiguration");
        if (!autoStop.path("enabled").asBoolean(true)) {
            return;
        }
        int minutes = autoStop.path("idleTimeoutMinutes").asInt(DEFAULT_IDLE_MINUTES);
        long activity = ++app.activity;
        later(config.minute().multipliedBy(minutes), () -> {
            boolean busy = app.runs.values().stream().anyMatch(r -> !TERMINAL.contains(r.state));
            if (app.state.equals("STARTED") && app.activity == activity && !busy) {
                stop(app);
            }
        });
    }

    private void setState(App app, String state) {
        app.state = state;
        app.history.add(state);
        app.updatedAt = now();
    }

    private void mergeSettings(App app, ObjectNode in) {
        for (var e : in.properties()) {
            switch (e.getKey()) {
                case "applicationId", "clientToken", "name", "releaseLabel", "type", "tags" -> { }
                case "autoStopConfiguration" -> {
                    ObjectNode stop = ((ObjectNode) e.getValue()).deepCopy();
                    if (!stop.has("enabled")) {
                        stop.put("enabled", true);
                    }
                    if (!stop.has("idleTimeoutMinutes")) {
                        stop.put("idleTimeoutMinutes", DEFAULT_IDLE_MINUTES);
                    }
                    app.settings.set(e.getKey(), stop);
                }
                default -> app.settings.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    // AWS honours a clientToken only for the very same request; reusing it for another is a conflict.
    private static void sameRequest(ObjectNode original, ObjectNode retry, String token) {
        if (!original.equals(retry)) {
            throw AwsError.conflict("Client token " + token + " was already used for a different request");
        }
    }

    private static void checkReleaseLabel(String label) {
        if (!RELEASE_LABEL.matcher(label).matches()) {
            throw AwsError.validation("Release label " + label + " is not valid or not supported");
        }
    }

    private static void checkCapacity(ObjectNode in) {
        JsonNode initial = in.path("initialCapacity");
        for (var e : initial.properties()) {
            if (!e.getKey().equals("Driver") && !e.getKey().equals("Executor")) {
                throw AwsError.validation("Worker type " + e.getKey() + " is not valid; Spark applications take Driver and Executor");
            }
            JsonNode wc = e.getValue().path("workerConfiguration");
            if (!wc.isMissingNode()) {
                workerSize(wc);
            }
        }
    }

    /** Checks a workerConfiguration against EMR Serverless's supported worker sizes and returns it. */
    static WorkerSize workerSize(JsonNode wc) {
        int cpu = sizeNumber(wc.path("cpu").asText());
        int memory = sizeNumber(wc.path("memory").asText());
        int disk = wc.hasNonNull("disk") ? sizeNumber(wc.get("disk").asText()) : 20;
        int[] range = switch (cpu) {
            case 1 -> new int[] {2, 8, 1};
            case 2 -> new int[] {4, 16, 1};
            case 4 -> new int[] {8, 30, 1};
            case 8 -> new int[] {16, 60, 4};
            case 16 -> new int[] {32, 120, 8};
            default -> throw AwsError.validation("Worker CPU " + cpu + " vCPU is not supported; use 1, 2, 4, 8 or 16 vCPU");
        };
        if (memory < range[0] || memory > range[1] || memory % range[2] != 0) {
            throw AwsError.validation("Worker memory " + memory + " GB is not supported for " + cpu + " vCPU; use "
                    + range[0] + "-" + range[1] + " GB in " + range[2] + " GB steps");
        }
        if (disk < 20 || disk > 200) {
            throw AwsError.validation("Worker disk " + disk + " GB is not supported; use 20-200 GB");
        }
        return new WorkerSize(cpu, memory, disk);
    }

    private static int sizeNumber(String size) {
        Matcher m = SIZE.matcher(size.trim());
        if (!m.matches()) {
            throw AwsError.validation("Invalid worker size " + size);
        }
        return Integer.parseInt(m.group(1));
    }

    private static boolean hasInitialCapacity(App app) {
        JsonNode initial = app.settings.path("initialCapacity");
        return initial.path("Driver").path("workerCount").asLong(0) > 0;
    }

    private static int initialWorkers(App app, String type) {
        return app.settings.path("initialCapacity").path(type).path("workerCount").asInt(0);
    }

    // ---- job runs -----------------------------------------------------------------------------------

    private ObjectNode startJobRun(ObjectNode in) {
        App app = app(in);
        String token = in.get("clientToken").asText();
        String existing = app.runTokens.get(token);
        if (existing != null) {
            sameRequest(app.runs.get(existing).request, in, token);
            return startedResponse(app.runs.get(existing));
        }
        boolean autoStart = app.settings.path("autoStartConfiguration").path("enabled").asBoolean(true);
        switch (app.state) {
            case "STARTING", "STARTED" -> { }
            case "CREATED", "STOPPED" -> {
                if (!autoStart) {
                    throw AwsError.validation("Application " + app.id + " is in " + app.state
                            + " state and auto-start is disabled; start the application first");
                }
            }
            default -> throw AwsError.validation("Application " + app.id + " is in " + app.state + " state and cannot accept job runs");
        }
        JsonNode spark = in.path("jobDriver").path("sparkSubmit");
        if (spark.isMissingNode()) {
            throw AwsError.validation("jobDriver.sparkSubmit is required for a Spark application");
        }
        SparkSubmitParameters params = SparkSubmitParameters.parse(spark.path("sparkSubmitParameters").asText(null));
        Map<String, String> conf = sparkConf(app, in, params);
        Map<String, String> tags = checkTags(Map.of(), in.get("tags"));
        Run r = new Run();
        r.tags.putAll(tags);
        r.app = app;
        r.id = newId();
        r.arn = app.arn + "/jobruns/" + r.id;
        r.name = in.path("name").asText(null);
        r.executionRole = in.get("executionRoleArn").asText();
        r.request = in.deepCopy();
        r.workers = workers(conf);
        List<String> args = new ArrayList<>();
        spark.path("entryPointArguments").forEach(a -> args.add(a.asText()));
        r.job = new JobRequest(app.id, r.id, spark.get("entryPoint").asText(), args, params, conf, logUri(app, in), app.releaseLabel);
        r.createdAt = now();
        r.updatedAt = r.createdAt;
        setState(r, "SUBMITTED");
        app.runs.put(r.id, r);
        app.runTokens.put(token, r.id);
        app.activity++;
        if (!app.state.equals("STARTING") && !app.state.equals("STARTED")) {
            start(app);
        }
        later(config.transition(), () -> admit(r));
        return startedResponse(r);
    }

    private ObjectNode startedResponse(Run r) {
        return JSON.objectNode().put("applicationId", r.app.id).put("jobRunId", r.id).put("arn", r.arn);
    }

    private void admit(Run r) {
        if (!r.state.equals("SUBMITTED")) {
            return;
        }
        long active = r.app.runs.values().stream().filter(o -> o != r && isActive(o)).count();
        if (active >= concurrencyLimit(r.app)) {
            setState(r, "QUEUED");
            r.queuedAt = r.updatedAt;
            return;
        }
        setState(r, "PENDING");
        scheduleJobs(r.app);
    }

    private static int concurrencyLimit(App app) {
        int limit = app.settings.path("schedulerConfiguration").path("maxConcurrentRuns").asInt(Integer.MAX_VALUE);
        if (app.settings.has("schedulerConfiguration") && limit == Integer.MAX_VALUE) {
            limit = 15; // AWS's default once job queuing is configured
        }
        return limit;
    }

    private static boolean isActive(Run r) {
        return Set.of("PENDING", "SCHEDULED", "RUNNING", "CANCELLING").contains(r.state);
    }

    private void scheduleJobs(App app) {
        if (!app.state.equals("STARTED")) {
            return;
        }
        for (Run r : app.runs.values()) {
            if (r.state.equals("PENDING")) {
                setState(r, "SCHEDULED");
                boolean warm = initialWorkers(app, "Driver") >= 1 && initialWorkers(app, "Executor") >= r.workers.size() - 1;
                later(warm ? config.preInitializedStart() : config.coldStart(), () -> run(r));
            }
        }
    }

    private void run(Run r) {
        if (!r.state.equals("SCHEDULED")) {
            return;
        }
        setState(r, "RUNNING");
        r.startedAt = r.updatedAt;
        Optional<String> injected = faults.takeJobFailure();
        if (injected.isPresent()) {
            end(r, "FAILED", injected.get());
            return;
        }
        jobThreads.execute(() -> execute(r));
    }

    private void execute(Run r) {
        synchronized (this) {
            if (!r.state.equals("RUNNING") || r.forcedFailure != null) {
                finish(r, JobResult.failure("Job run was interrupted"));
                return; // cancelled or stopped before its thread got going
            }
            r.thread = Thread.currentThread();
        }
        JobResult result;
        try {
            result = executor.run(r.job);
        } catch (InterruptedException e) {
            result = JobResult.failure("Job run was interrupted");
        } catch (Exception e) {
            result = JobResult.failure("Job failed: " + e.getMessage());
        }
        synchronized (this) {
            r.thread = null;
            finish(r, result);
        }
    }

    private void finish(Run r, JobResult result) {
        if (r.forcedFailure != null) {
            end(r, "FAILED", r.forcedFailure);
        } else if (r.state.equals("CANCELLING")) {
            end(r, "CANCELLED", "Job run was cancelled");
        } else if (r.state.equals("RUNNING")) {
            end(r, result.succeeded() ? "SUCCESS" : "FAILED", result.stateDetails());
        }
    }

    private static void interrupt(Run r) {
        if (r.thread != null) {
            r.thread.interrupt();
        }
    }

    private ObjectNode cancelJobRun(Run r) {
        switch (r.state) {
            case "SUCCESS", "FAILED", "CANCELLED" ->
                    throw AwsError.validation("Job run " + r.id + " is in " + r.state + " state and cannot be cancelled");
            case "CANCELLING" -> { }
            case "RUNNING" -> {
                setState(r, "CANCELLING");
                interrupt(r);
            }
            default -> {
                setState(r, "CANCELLING");
                later(config.transition(), () -> end(r, "CANCELLED", "Job run was cancelled"));
            }
        }
        return JSON.objectNode().put("applicationId", r.app.id).put("jobRunId", r.id);
    }

    private void end(Run r, String state, String details) {
        if (TERMINAL.contains(r.state)) {
            return;
        }
        setState(r, state);
        r.stateDetails = details == null ? "" : truncate(details, 256);
        r.endedAt = r.updatedAt;
        List<Billing.WorkerUsage> usage = new ArrayList<>();
        Duration ran = r.startedAt == null ? Duration.ZERO : Duration.between(r.startedAt, r.endedAt);
        if (r.startedAt != null) {
            r.workers.forEach(w -> usage.add(new Billing.WorkerUsage(w, ran)));
        }
        r.total = Billing.total(usage);
        r.billed = Billing.billed(usage);
        promoteQueued(r.app);
        scheduleIdleStop(r.app);
    }

    private void promoteQueued(App app) {
        if (app.runs.values().stream().filter(EmrServerless::isActive).count() >= concurrencyLimit(app)) {
            return; // what ended held no slot (it was queued itself): the limit is still reached
        }
        app.runs.values().stream().filter(o -> o.state.equals("QUEUED")).findFirst().ifPresent(q -> {
            setState(q, "PENDING"); // a slot is free: straight on, as AWS does, not back through SUBMITTED
            scheduleJobs(app);
        });
    }

    private void setState(Run r, String state) {
        if (r.state != null && r.state.equals("QUEUED") && !state.equals("QUEUED")) {
            // however it leaves the queue (a free slot, cancelled, the application stopped): the time it waited there
            r.queuedMillis = Duration.between(r.queuedAt, now()).toMillis();
        }
        r.state = state;
        r.history.add(state);
        r.updatedAt = now();
    }

    private ObjectNode listJobRuns(ObjectNode in) {
        App app = app(in);
        Set<String> states = stringSet(in.get("states"));
        Predicate<Run> created = r -> true;
        if (in.hasNonNull("createdAtAfter")) {
            Instant after = instant(in.get("createdAtAfter"));
            created = created.and(r -> r.createdAt.isAfter(after));
        }
        if (in.hasNonNull("createdAtBefore")) {
            Instant before = instant(in.get("createdAtBefore"));
            created = created.and(r -> r.createdAt.isBefore(before));
        }
        List<Run> runs = new ArrayList<>(app.runs.values());
        runs.sort(Comparator.comparing((Run r) -> r.createdAt).reversed()); // newest first, as AWS lists them
        List<ObjectNode> summaries = new ArrayList<>();
        for (Run r : runs) {
            if ((states.isEmpty() || states.contains(r.state)) && created.test(r)) {
                ObjectNode s = JSON.objectNode().put("applicationId", app.id).put("id", r.id);
                if (r.name != null) {
                    s.put("name", r.name);
                }
                s.put("mode", r.request.path("mode").asText("BATCH")).put("arn", r.arn).put("createdBy", createdBy())
                        .put("createdAt", epoch(r.createdAt)).put("updatedAt", epoch(r.updatedAt))
                        .put("executionRole", r.executionRole).put("state", r.state).put("stateDetails", r.stateDetails)
                        .put("releaseLabel", app.releaseLabel).put("type", "Spark").put("attempt", 1)
                        .put("attemptCreatedAt", epoch(r.createdAt)).put("attemptUpdatedAt", epoch(r.updatedAt));
                summaries.add(s);
            }
        }
        return page(summaries, in, "jobRuns");
    }

    /** A session's UI: the session must exist (GetSession's own check), the link is one the stand-in serves. */
    private ObjectNode resourceDashboard(ObjectNode in) {
        App app = app(in);
        String sessionId = in.get("resourceId").asText();
        sessions.handle("GetSession", JSON.objectNode().put("applicationId", app.id).put("sessionId", sessionId));
        return JSON.objectNode().put("url", dashboardBase + "/dashboard/" + app.id + "/sessions/" + sessionId);
    }

    private ObjectNode dashboard(Run r) {
        return JSON.objectNode().put("url", dashboardBase + "/dashboard/" + r.app.id + "/" + r.id);
    }

    private ObjectNode runJson(Run r) {
        ObjectNode o = JSON.objectNode().put("applicationId", r.app.id).put("jobRunId", r.id);
        if (r.name != null) {
            o.put("name", r.name);
        }
        o.put("arn", r.arn).put("createdBy", createdBy()).put("createdAt", epoch(r.createdAt)).put("updatedAt", epoch(r.updatedAt))
                .put("executionRole", r.executionRole).put("state", r.state).put("stateDetails", r.stateDetails)
                .put("releaseLabel", r.app.releaseLabel);
        o.set("jobDriver", r.request.get("jobDriver").deepCopy());
        if (!r.tags.isEmpty()) {
            o.set("tags", tagsJson(r.tags));
        }
        for (String member : List.of("configurationOverrides", "executionIamPolicy", "retryPolicy")) {
            if (r.request.has(member)) {
                o.set(member, r.request.get(member).deepCopy());
            }
        }
        if (r.app.settings.has("networkConfiguration")) {
            o.set("networkConfiguration", r.app.settings.get("networkConfiguration").deepCopy());
        }
        o.put("executionTimeoutMinutes", r.request.path("executionTimeoutMinutes").asLong(720));
        o.put("mode", r.request.path("mode").asText("BATCH")).put("attempt", 1)
                .put("attemptCreatedAt", epoch(r.createdAt)).put("attemptUpdatedAt", epoch(r.updatedAt));
        if (r.startedAt != null) {
            o.put("startedAt", epoch(r.startedAt));
        }
        if (r.queuedMillis > 0) {
            o.put("queuedDurationMilliseconds", r.queuedMillis);
        }
        if (TERMINAL.contains(r.state)) {
            o.put("endedAt", epoch(r.endedAt));
            o.put("totalExecutionDurationSeconds", r.startedAt == null ? 0 : Duration.between(r.startedAt, r.endedAt).toSeconds());
            o.set("totalResourceUtilization", utilization(r.total));
            o.set("billedResourceUtilization", utilization(r.billed));
        }
        return o;
    }

    private static ObjectNode utilization(ResourceUtilization u) {
        return JSON.objectNode().put("vCPUHour", u.vCpuHour()).put("memoryGBHour", u.memoryGbHour()).put("storageGBHour", u.storageGbHour());
    }

    private ObjectNode applicationJson(App app) {
        ObjectNode o = JSON.objectNode().put("applicationId", app.id);
        if (app.name != null) {
            o.put("name", app.name);
        }
        o.put("arn", app.arn).put("releaseLabel", app.releaseLabel).put("type", app.type).put("state", app.state)
                .put("stateDetails", app.stateDetails).put("createdAt", epoch(app.createdAt)).put("updatedAt", epoch(app.updatedAt));
        app.settings.properties().forEach(e -> o.set(e.getKey(), e.getValue().deepCopy()));
        if (!app.tags.isEmpty()) {
            o.set("tags", tagsJson(app.tags));
        }
        return o;
    }

    // ---- tags ---------------------------------------------------------------------------------------

    /** AWS's limit of tags on one resource (the model's TagMap allows 200 in one request). */
    static final int MAX_TAGS = 50;
    private static final Pattern RESOURCE_ARN = Pattern.compile(
            "arn:aws[a-zA-Z0-9-]*:emr-serverless:([^:]+):(\\d{12}):/applications/([0-9a-zA-Z]+)(?:/jobruns/([0-9a-zA-Z]+))?");

    /** The tags of the resource an ARN names (the model's pattern already held): an application or a job run. */
    private Map<String, String> tagsOf(String arn) {
        Matcher m = RESOURCE_ARN.matcher(arn);
        if (!m.matches() || !m.group(1).equals(region) || !m.group(2).equals(accountId)) {
            throw AwsError.notFound("Resource " + arn + " does not exist");
        }
        App app = apps.get(m.group(3));
        if (app == null || app.state.equals("TERMINATED")) {
            throw AwsError.notFound("Resource " + arn + " does not exist");
        }
        if (m.group(4) == null) {
            return app.tags;
        }
        Run r = app.runs.get(m.group(4));
        if (r == null) {
            throw AwsError.notFound("Resource " + arn + " does not exist");
        }
        return r.tags;
    }

    /** {@code existing} with {@code given} over it, checked as AWS checks tags beyond the model: aws: is AWS's, 50 at most. */
    private static Map<String, String> checkTags(Map<String, String> existing, JsonNode given) {
        Map<String, String> merged = new java.util.TreeMap<>(existing);
        if (given == null || given.isNull()) {
            return merged;
        }
        for (var e : given.properties()) {
            if (e.getKey().toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw AwsError.validation("Tag keys starting with aws: are reserved for AWS use: " + e.getKey());
            }
            merged.put(e.getKey(), e.getValue().asText());
        }
        if (merged.size() > MAX_TAGS) {
            throw AwsError.validation("A resource can have at most " + MAX_TAGS + " tags; this request would give it " + merged.size());
        }
        return merged;
    }

    private ObjectNode tagResource(ObjectNode in) {
        Map<String, String> tags = tagsOf(in.get("resourceArn").asText());
        Map<String, String> merged = checkTags(tags, in.get("tags"));
        tags.clear();
        tags.putAll(merged);
        return JSON.objectNode();
    }

    private ObjectNode untagResource(ObjectNode in) {
        Map<String, String> tags = tagsOf(in.get("resourceArn").asText());
        in.get("tagKeys").forEach(k -> tags.remove(k.asText()));
        return JSON.objectNode();
    }

    private ObjectNode listTags(ObjectNode in) {
        ObjectNode out = JSON.objectNode();
        out.set("tags", tagsJson(tagsOf(in.get("resourceArn").asText())));
        return out;
    }

    private static ObjectNode tagsJson(Map<String, String> tags) {
        ObjectNode o = JSON.objectNode();
        tags.forEach(o::put);
        return o;
    }

    /** Spark properties of a run: application spark-defaults, then the job's overrides, then sparkSubmitParameters. */
    private static Map<String, String> sparkConf(App app, ObjectNode in, SparkSubmitParameters params) {
        Map<String, String> conf = new LinkedHashMap<>();
        sparkDefaults(app.settings.path("runtimeConfiguration"), conf);
        sparkDefaults(in.path("configurationOverrides").path("applicationConfiguration"), conf);
        conf.putAll(params.conf());
        return conf;
    }

    private static void sparkDefaults(JsonNode configurations, Map<String, String> conf) {
        for (JsonNode c : configurations) {
            if (c.path("classification").asText().equals("spark-defaults")) {
                c.path("properties").properties().forEach(e -> conf.put(e.getKey(), e.getValue().asText()));
            }
        }
    }

    /**
     * The workers a run uses: one driver and the executors, sized from the Spark properties with EMR Serverless's
     * defaults (4 vCPU / 14 GB heap → 16 GB workers, 20 GB disk, 3 initial executors under dynamic allocation).
     */
    static List<WorkerSize> workers(Map<String, String> conf) {
        List<WorkerSize> workers = new ArrayList<>();
        workers.add(WorkerSize.forSpark(intConf(conf, "spark.driver.cores", 4), gigabytes(conf.getOrDefault("spark.driver.memory", "14g")),
                (int) gigabytes(conf.getOrDefault("spark.emr-serverless.driver.disk", "20g"))));
        int executors = conf.containsKey("spark.executor.instances") ? intConf(conf, "spark.executor.instances", DEFAULT_EXECUTORS)
                : intConf(conf, "spark.dynamicAllocation.initialExecutors", DEFAULT_EXECUTORS);
        WorkerSize executor = WorkerSize.forSpark(intConf(conf, "spark.executor.cores", 4),
                gigabytes(conf.getOrDefault("spark.executor.memory", "14g")),
                (int) gigabytes(conf.getOrDefault("spark.emr-serverless.executor.disk", "20g")));
        for (int i = 0; i < executors; i++) {
            workers.add(executor);
        }
        return List.copyOf(workers);
    }

    private static int intConf(Map<String, String> conf, String key, int dflt) {
        String v = conf.get(key);
        try {
            return v == null ? dflt : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw AwsError.validation("Invalid value " + v + " for " + key);
        }
    }

    static double gigabytes(String v) {
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)b?").matcher(v.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw AwsError.validation("Invalid memory or disk size " + v);
        }
        double n = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "k" -> n / (1024 * 1024);
            case "m", "" -> n / 1024; // Spark reads a bare number as MiB
            case "t" -> n * 1024;
            default -> n;
        };
    }

    private static String logUri(App app, ObjectNode in) {
        String fromJob = in.path("configurationOverrides").path("monitoringConfiguration").path("s3MonitoringConfiguration").path("logUri").asText(null);
        return fromJob != null ? fromJob
                : app.settings.path("monitoringConfiguration").path("s3MonitoringConfiguration").path("logUri").asText(null);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private App app(ObjectNode in) {
        String id = in.get("applicationId").asText();
        App app = apps.get(id);
        if (app == null) {
            throw AwsError.notFound("Application " + id + " does not exist");
        }
        return app;
    }

    private Run run(ObjectNode in) {
        App app = app(in);
        String id = in.get("jobRunId").asText();
        Run r = app.runs.get(id);
        if (r == null) {
            throw AwsError.notFound("Job run " + id + " does not exist");
        }
        return r;
    }

    private static ObjectNode page(List<ObjectNode> all, ObjectNode in, String listName) {
        int size = in.hasNonNull("maxResults") ? in.get("maxResults").asInt() : 50;
        int from = 0;
        if (in.hasNonNull("nextToken")) {
            try {
                from = Integer.parseInt(in.get("nextToken").asText());
            } catch (NumberFormatException e) {
                throw AwsError.validation("Invalid nextToken");
            }
        }
        int to = Math.min(all.size(), from + size);
        ObjectNode out = JSON.objectNode();
        ArrayNode list = out.putArray(listName);
        all.subList(Math.min(from, to), to).forEach(list::add);
        if (to < all.size()) {
            out.put("nextToken", Integer.toString(to));
        }
        return out;
    }

    private static Set<String> stringSet(JsonNode node) {
        Set<String> out = new HashSet<>();
        if (node != null) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static Instant instant(JsonNode n) {
        return n.isNumber() ? Instant.ofEpochMilli((long) (n.asDouble() * 1000)) : Instant.parse(n.asText());
    }

    private static ObjectNode wrap(String name, ObjectNode value) {
        ObjectNode out = JSON.objectNode();
        out.set(name, value);
        return out;
    }

    private String createdBy() {
        return "arn:aws:iam::" + accountId + ":user/standin";
    }

    private Instant now() {
        return config.clock().instant();
    }

    private static double epoch(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }

    private String newId() {
        StringBuilder sb = new StringBuilder("00");
        String alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        for (int i = 0; i < 15; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private void later(Duration delay, Runnable step) {
        timer.schedule(() -> {
            synchronized (this) {
                step.run();
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        sessions.close();
        timer.shutdownNow();
        jobThreads.shutdownNow();
    }
}
