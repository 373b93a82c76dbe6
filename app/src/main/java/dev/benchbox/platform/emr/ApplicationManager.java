package dev.benchbox.platform.emr;

import dev.benchbox.cost.WorkerSize;
import dev.benchbox.platform.emr.job.Backoff;
import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.ApplicationInfo;
import dev.benchbox.platform.JobProgress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.Application;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;
import software.amazon.awssdk.services.emrserverless.model.CreateApplicationRequest;
import software.amazon.awssdk.services.emrserverless.model.GetApplicationRequest;
import software.amazon.awssdk.services.emrserverless.model.InitialCapacityConfig;
import software.amazon.awssdk.services.emrserverless.model.MaximumAllowedResources;
import software.amazon.awssdk.services.emrserverless.model.UpdateApplicationRequest;
import software.amazon.awssdk.services.emrserverless.model.WorkerResourceConfig;

/**
 * The EMR Serverless application's lifecycle: find or create it, wait for its states (polling with backoff
 * within GetApplication's quota), start, stop, update its capacity, delete. A dry run gives it a recording client
 * ({@link RecordingEmrServerlessClient}): the same code path, nothing sent.
 */
final class ApplicationManager {
    static final String SERVICE = "emr-serverless";
    /** Tags on every application BenchBox creates, so people and policies can tell them apart. */
    static final String TAG_CREATED_BY = ResourceTags.CREATED_BY;
    static final String TAG_SESSION = ResourceTags.SESSION;
    /** The application id dry-run requests carry for an application that would be created (it has no id yet). */
    static final String DRY_RUN_APPLICATION_ID = "00dryrunapplication";

    private static final Set<ApplicationState> SETTLING = EnumSet.of(ApplicationState.CREATING, ApplicationState.STARTING,
            ApplicationState.STOPPING);

    private final EmrOptions options;
    private final EmrServerlessClient emr;
    private final Backoff backoff;
    private final JobProgress progress;

    ApplicationManager(EmrOptions options, EmrServerlessClient emr, Backoff backoff) {
        this(options, emr, backoff, JobProgress.NONE);
    }

    /** @param progress told what connecting does and how long the application takes to settle */
    ApplicationManager(EmrOptions options, EmrServerlessClient emr, Backoff backoff, JobProgress progress) {
        this.options = requireNonNull(options, "options is null");
        this.emr = requireNonNull(emr, "emr is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    /** What connecting found or did. */
    record Connected(String applicationId, boolean created, String stateBefore, String state) {
    }

    /**
     * Uses the configured application (it must be a Spark application that is not terminated) or creates one,
     * then starts it when it is CREATED or STOPPED and waits until it is STARTED.
     */
    Connected connect() {
        if (options.createApplication()) {
            String id = create();
            ApplicationInfo created = waitWhileSettling(id, "created");
            ApplicationInfo started = ensureStarted(created);
            return new Connected(id, true, null, started.state());
        }
        ApplicationInfo app = describe(options.applicationId());
        if (!"SPARK".equalsIgnoreCase(app.type())) {
            throw new BenchboxException("application " + app.id() + " is a " + app.type()
                    + " application: BenchBox runs Spark jobs, so give a Spark application's id");
        }
        if (state(app) == ApplicationState.TERMINATED) {
            throw new BenchboxException("application " + app.id() + " is TERMINATED (deleted): give another application_id "
                    + "or create_application=true");
        }
        ApplicationInfo settled = SETTLING.contains(state(app)) ? waitWhileSettling(app.id(), "ready") : app;
        ApplicationInfo started = ensureStarted(settled);
        return new Connected(app.id(), false, app.state(), started.state());
    }

    /** Sends CreateApplication for the options' application and returns its id, without waiting for it. */
    String create() {
        CreateApplicationRequest request = createRequest();
        progress.step("creating application " + request.name() + " (" + request.releaseLabel() + ")");
        return AwsCallFailed.call(SERVICE, "CreateApplication", options.applicationName(), options.region(),
                () -> emr.createApplication(request)).applicationId();
    }

    /** Starts a CREATED or STOPPED application and waits for STARTED. */
    ApplicationInfo ensureStarted(ApplicationInfo app) {
        if (state(app) == ApplicationState.STARTED) {
            return app;
        }
        return start(app.id());
    }

    /** Starts the application unless it is started, and waits for STARTED. */
    ApplicationInfo start(String id) {
        ApplicationInfo app = describe(id);
        if (state(app) == ApplicationState.STARTED) {
            return app;
        }
        if (SETTLING.contains(state(app))) {
            app = waitWhileSettling(id, "ready");
        }
        if (state(app) == ApplicationState.CREATED || state(app) == ApplicationState.STOPPED) {
            progress.step("starting application " + id + " (it was " + app.state() + ")");
            AwsCallFailed.call(SERVICE, "StartApplication", id, options.region(),
                    () -> emr.startApplication(b -> b.applicationId(id)));
        }
        ApplicationInfo now = waitWhileSettling(id, "started");
        if (state(now) != ApplicationState.STARTED) {
            throw failedToStart(now);
        }
        return now;
    }

    void stop(String id, boolean wait) {
        AwsCallFailed.call(SERVICE, "StopApplication", id, options.region(), () -> emr.stopApplication(b -> b.applicationId(id)));
        if (wait) {
            ApplicationInfo now = waitWhileSettling(id, "stopped");
            if (state(now) != ApplicationState.STOPPED && state(now) != ApplicationState.CREATED) {
                throw new BenchboxException("application " + id + " did not stop: it is " + now.state() + details(now));
            }
        }
    }

    /** Stops (waiting for STOPPED) and deletes the application. */
    void delete(String id) {
        ApplicationInfo app = describe(id);
        if (state(app) != ApplicationState.CREATED && state(app) != ApplicationState.STOPPED && state(app) != ApplicationState.TERMINATED) {
            stop(id, true);
        }
        if (state(app) != ApplicationState.TERMINATED) {
            AwsCallFailed.call(SERVICE, "DeleteApplication", id, options.region(), () -> emr.deleteApplication(b -> b.applicationId(id)));
        }
    }

    /**
     * Updates initial and maximum capacity. AWS only updates a CREATED or STOPPED application, so a started one
     * is stopped first and started again afterwards, also when AWS refuses the update: a failed change leaves the
     * application as it found it, or says how to start it when that fails too.
     */
    ApplicationInfo updateCapacity(String id, CapacitySettings capacity) {
        UpdateApplicationRequest.Builder request = UpdateApplicationRequest.builder().applicationId(id)
                .clientToken(UUID.randomUUID().toString());
        if (capacity.hasInitialCapacity()) {
            request.initialCapacity(initialCapacity(capacity));
        }
        if (capacity.hasMaximumCapacity()) {
            request.maximumCapacity(maximumCapacity(capacity));
        }
        ApplicationInfo before = describe(id);
        if (SETTLING.contains(state(before))) {
            before = waitWhileSettling(id, "ready");
        }
        boolean restart = state(before) == ApplicationState.STARTED;
        if (restart) {
            stop(id, true);
        }
        try {
            AwsCallFailed.call(SERVICE, "UpdateApplication", id, options.region(), () -> emr.updateApplication(request.build()));
        } catch (RuntimeException refused) {
            if (!restart) {
                throw refused;
            }
            String why = oneLine(refused) + "; capacity unchanged";
            try {
                start(id);
            } catch (RuntimeException notStarted) {
                throw new BenchboxException(why + ", but starting application " + id + " again failed: " + oneLine(notStarted)
                        + "; " + startByHand(id), refused);
            }
            throw new BenchboxException(why + ", application " + id + " started again", refused);
        }
        if (restart) {
            try {
                start(id);
            } catch (RuntimeException notStarted) {
                throw new BenchboxException("capacity updated, but starting application " + id + " again failed: " + oneLine(notStarted)
                        + "; " + startByHand(id), notStarted);
            }
        }
        return describe(id);
    }

    private String startByHand(String id) {
        return "it is stopped: start it with " + byHand("start-application", id);
    }

    /** The AWS CLI command doing {@code action} (e.g. {@code delete-application}) to the application: what is left to the user. */
    String byHand(String action, String id) {
        return "aws emr-serverless " + action + " --application-id " + id + " --region " + options.region()
                + (options.endpointUrl() == null ? "" : " --endpoint-url " + options.endpointUrl());
    }

    /** A failure as the one line the shell would show for it. */
    private static String oneLine(RuntimeException failure) {
        return failure instanceof AwsCallFailed call ? new AwsFailureMessages().message(call).orElseThrow() : failure.getMessage();
    }

    ApplicationInfo describe(String id) {
        Application app = AwsCallFailed.call(SERVICE, "GetApplication", id, options.region(),
                () -> emr.getApplication(GetApplicationRequest.builder().applicationId(id).build())).application();
        return info(app);
    }

    /**
     * The application's {@code schedulerConfiguration.maxConcurrentRuns} (AWS's default of 15 when the configuration is
     * there without it); empty when the application has no scheduler configuration.
     */
    java.util.Optional<Integer> maxConcurrentRuns(String id) {
        Application app = AwsCallFailed.call(SERVICE, "GetApplication", id, options.region(),
                () -> emr.getApplication(GetApplicationRequest.builder().applicationId(id).build())).application();
        if (app.schedulerConfiguration() == null) {
            return java.util.Optional.empty();
        }
        Integer limit = app.schedulerConfiguration().maxConcurrentRuns();
        return java.util.Optional.of(limit == null ? DEFAULT_MAX_CONCURRENT_RUNS : limit);
    }

    /** The API model's default for {@code maxConcurrentRuns} once scheduler configuration is enabled. */
    static final int DEFAULT_MAX_CONCURRENT_RUNS = 15;

    /**
     * Puts {@code tags} on the application (TagResource; tags it has under other keys stay): cost allocation then
     * groups what the application bills outside job runs (pre-initialised workers) by them too.
     */
    void tag(String id, Map<String, String> tags) {
        String arn = AwsCallFailed.call(SERVICE, "GetApplication", id, options.region(),
                () -> emr.getApplication(GetApplicationRequest.builder().applicationId(id).build())).application().arn();
        AwsCallFailed.call(SERVICE, "TagResource", id, options.region(), () -> emr.tagResource(b -> b.resourceArn(arn).tags(tags)));
    }

    /** Polls while the application is CREATING, STARTING or STOPPING, up to timeout_minutes. */
    private ApplicationInfo waitWhileSettling(String id, String goal) {
        long started = System.nanoTime();
        long deadline = started + options.timeoutMinutes() * 60_000_000_000L;
        int attempt = 0;
        while (true) {
            ApplicationInfo app = describe(id);
            if (SETTLING.contains(state(app))) {
                progress.waiting("application " + id + " " + app.state(), Duration.ofNanos(System.nanoTime() - started));
            } else {
                if (state(app) == ApplicationState.TERMINATED) {
                    throw failedToStart(app);
                }
                return app;
            }
            if (System.nanoTime() > deadline) {
                throw new BenchboxException("application " + id + " is still " + app.state() + " after " + options.timeoutMinutes()
                        + " minutes (timeout_minutes): check it in the EMR Studio console");
            }
            try {
                backoff.pause(attempt++);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchboxException("interrupted while waiting for application " + id + " to be " + goal
                        + " (it is " + app.state() + ")");
            }
        }
    }

    /** The state as the SDK's enum (UNKNOWN_TO_SDK_VERSION for a state this SDK does not know). */
    private static ApplicationState state(ApplicationInfo app) {
        return ApplicationState.fromValue(app.state());
    }

    private BenchboxException failedToStart(ApplicationInfo app) {
        return new BenchboxException("application " + app.id() + " failed to start: it is " + app.state() + details(app)
                + " (check the release label, capacity limits and service quotas)");
    }

    private static String details(ApplicationInfo app) {
        return app.stateDetails() == null || app.stateDetails().isBlank() ? "" : ": " + app.stateDetails();
    }

    CreateApplicationRequest createRequest() {
        CreateApplicationRequest.Builder request = CreateApplicationRequest.builder()
                .name(options.applicationName())
                .releaseLabel(options.releaseLabel())
                .type("SPARK")
                .architecture(options.architecture())
                .clientToken(UUID.randomUUID().toString())
                .autoStartConfiguration(b -> b.enabled(true))
                .autoStopConfiguration(b -> b.enabled(true).idleTimeoutMinutes(options.idleTimeoutMinutes()))
                // sorted, so the request (and its dry-run file) is the same on every JVM: Map.of's order is not
                .tags(new TreeMap<>(options.tags().with(Map.of(TAG_CREATED_BY, "benchbox", TAG_SESSION, UUID.randomUUID().toString()))
                        .values()));
        if (options.capacity().hasInitialCapacity()) {
            request.initialCapacity(initialCapacity(options.capacity()));
        }
        if (options.capacity().hasMaximumCapacity()) {
            request.maximumCapacity(maximumCapacity(options.capacity()));
        }
        return request.build();
    }

    private static Map<String, InitialCapacityConfig> initialCapacity(CapacitySettings capacity) {
        Map<String, InitialCapacityConfig> map = new LinkedHashMap<>();
        if (capacity.driver() != null) {
            map.put("Driver", config(capacity.driver()));
        }
        if (capacity.executors() != null) {
            map.put("Executor", config(capacity.executors()));
        }
        return map;
    }

    private static InitialCapacityConfig config(WorkerCapacity workers) {
        WorkerSize size = workers.size();
        return InitialCapacityConfig.builder().workerCount((long) workers.count())
                .workerConfiguration(WorkerResourceConfig.builder().cpu(size.cpu()).memory(size.memory()).disk(size.disk()).build())
                .build();
    }

    private static MaximumAllowedResources maximumCapacity(CapacitySettings capacity) {
        return MaximumAllowedResources.builder().cpu(capacity.maxCpu() + " vCPU").memory(capacity.maxMemoryGb() + " GB").build();
    }

    private static ApplicationInfo info(Application app) {
        Map<String, String> initial = new LinkedHashMap<>();
        boolean[] warm = {false};
        app.initialCapacity().forEach((type, config) -> {
            WorkerResourceConfig wc = config.workerConfiguration();
            try {
                String size = compact(wc.cpu(), "vcpu") + "-" + compact(wc.memory(), "gb")
                        + (wc.disk() == null ? "" : "-" + compact(wc.disk(), "gb"));
                WorkerCapacity workers = WorkerCapacity.parse(config.workerCount() + "x" + size, "initial capacity");
                initial.put(type, workers.toString());
                warm[0] |= workers.count() > 0;
            } catch (BenchboxException e) {
                // a size this build does not know: show the workers without it rather than failing
            }
        });
        MaximumAllowedResources max = app.maximumCapacity();
        return new ApplicationInfo(app.applicationId(), app.name(), app.stateAsString(), app.stateDetails(), app.releaseLabel(),
                app.type(), app.architectureAsString(), initial, warm[0],
                max == null ? null : max.cpu(), max == null ? null : max.memory(), max == null ? null : max.disk(),
                app.autoStartConfiguration() == null || Boolean.TRUE.equals(app.autoStartConfiguration().enabled()),
                app.autoStopConfiguration() == null || Boolean.TRUE.equals(app.autoStopConfiguration().enabled()),
                app.autoStopConfiguration() == null ? null : app.autoStopConfiguration().idleTimeoutMinutes());
    }

    private static String compact(String size, String unit) {
        // AWS reports "4 vCPU", "16 GB" (the model also allows a bare number); our parser takes "4vcpu", "16gb"
        String text = size.replace(" ", "").toLowerCase(Locale.ROOT);
        return text.matches("\\d+") ? text + unit : text;
    }
}
