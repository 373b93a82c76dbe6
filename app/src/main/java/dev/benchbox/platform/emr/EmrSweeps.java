package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import dev.benchbox.cost.BillingProfile;
import dev.benchbox.cost.WorkerSize;
import dev.benchbox.platform.ConfigurationSweeps;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.SweepDimensions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sweep on EMR Serverless. Configurations that differ only in workers and Spark settings run as job runs on the
 * connected application, each with its own {@code sparkSubmitParameters}. A release, an architecture or
 * pre-initialised capacity needs an application: it is created (with the connection's staging, role, catalog and
 * auto-stop), started, used and deleted — also when starting it fails, a run fails or the user presses Ctrl-C.
 */
final class EmrSweeps implements ConfigurationSweeps {
    private static final Logger log = LoggerFactory.getLogger(EmrSweeps.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static final AtomicInteger CREATED = new AtomicInteger();

    private final EmrServerlessPlatform platform;

    EmrSweeps(EmrServerlessPlatform platform) {
        this.platform = requireNonNull(platform, "platform is null");
    }

    @Override
    public SweepDimensions dimensions() {
        return EmrSweepDimensions.INSTANCE;
    }

    /** Priced as the configured platform prices its job runs: the workers it asks for, on its architecture. */
    @Override
    public Optional<BillingProfile> billingProfile(Map<String, String> configuration) {
        // on the configuration's release: pricing every configuration before the sweep starts checks its Spark settings there
        EmrOptions options = options(configuration, null);
        return platform.view(options, platform.applicationId(), options.releaseLabel(), shape(configuration)).billingProfile();
    }

    @Override
    public Deployment deploy(Map<String, String> deploymentSettings) {
        if (deploymentSettings.isEmpty()) {
            return new Deployment() {
                @Override
                public String description() {
                    return "application " + platform.applicationId() + " (" + platform.releaseLabel() + ", the connected one)";
                }

                @Override
                public boolean created() {
                    return false;
                }

                @Override
                public Platform configure(Map<String, String> configuration) {
                    return platform.view(platform.options(), platform.applicationId(), platform.releaseLabel(), shape(configuration));
                }

                @Override
                public void close() {
                    // the connected application stays as the session left it
                }
            };
        }
        String name = "benchbox-sweep-" + STAMP.format(Instant.now()) + "-" + CREATED.incrementAndGet();
        EmrOptions options = options(deploymentSettings, name);
        ApplicationManager manager = new ApplicationManager(options, platform.clients().emr(), platform.backoff());
        platform.creatingSweepApplication();
        String id = manager.create();
        platform.sweepApplicationCreated(id, manager);
        try {
            manager.start(id);
        } catch (RuntimeException e) {
            try {
                delete(manager, id);
            } catch (RuntimeException deleting) {
                e.addSuppressed(deleting);
            }
            throw e;
        }
        String description = "application " + id + " (" + options.releaseLabel() + ", " + options.architecture().toLowerCase(Locale.ROOT)
                + ("on".equals(deploymentSettings.get(EmrSweepDimensions.PRE_INITIALIZED)) ? ", pre-initialized" : "")
                + ") created for the sweep";
        return new Deployment() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public boolean created() {
                return true;
            }

            @Override
            public Platform configure(Map<String, String> configuration) {
                return platform.view(options.withApplicationId(id), id, options.releaseLabel(), shape(configuration));
            }

            @Override
            public void close() {
                delete(manager, id);
            }
        };
    }

    /**
     * The connection's options with a configuration's release, architecture and pre-initialised capacity, for an
     * application created under {@code name} (null: for pricing only).
     */
    private EmrOptions options(Map<String, String> settings, String name) {
        EmrOptions base = platform.options();
        String release = settings.getOrDefault(EmrSweepDimensions.RELEASE, platform.releaseLabel());
        String architecture = settings.containsKey(EmrSweepDimensions.ARCHITECTURE)
                ? settings.get(EmrSweepDimensions.ARCHITECTURE).toUpperCase(Locale.ROOT) : base.architecture();
        CapacitySettings capacity = base.createApplication() ? base.capacity() : CapacitySettings.NONE;
        String pre = settings.get(EmrSweepDimensions.PRE_INITIALIZED);
        if ("on".equals(pre)) {
            JobShape shape = shape(settings);
            WorkerSize driver = shape.driver() != null ? shape.driver() : WorkerSize.parse("4vCPU-16GB");
            WorkerCapacity executors = shape.executors() != null ? shape.executors() : WorkerCapacity.parse("3x4vCPU-16GB", "executors");
            capacity = new CapacitySettings(new WorkerCapacity(1, driver), executors, null, null);
        } else if ("off".equals(pre)) {
            capacity = CapacitySettings.NONE;
        }
        return new EmrOptions(base.stagingDir(), base.executionRoleArn(), name == null ? base.applicationId() : null,
                name == null ? base.createApplication() : true, name == null ? base.applicationName() : name, base.region(),
                base.database(), release, base.timeoutMinutes(), capacity, base.idleTimeoutMinutes(), architecture, base.profile(),
                base.endpointUrl(), base.awsTimeoutSeconds(), base.tags());
    }

    /** A configuration's workers and Spark settings; what it does not name is the connection's. */
    private JobShape shape(Map<String, String> configuration) {
        CapacitySettings connected = platform.options().capacity();
        WorkerSize driver = configuration.containsKey(EmrSweepDimensions.DRIVER) ? WorkerSize.parse(configuration.get(EmrSweepDimensions.DRIVER))
                : connected.driver() != null ? connected.driver().size() : null;
        WorkerCapacity executors = configuration.containsKey(EmrSweepDimensions.EXECUTORS)
                ? WorkerCapacity.parse(configuration.get(EmrSweepDimensions.EXECUTORS), "executors") : connected.executors();
        Map<String, String> spark = new LinkedHashMap<>();
        configuration.forEach((name, value) -> {
            if (name.startsWith("spark.")) {
                spark.put(name, value);
            }
        });
        return new JobShape(driver, executors, spark);
    }

    /**
     * Stops and deletes; a pending Ctrl-C does not cut the deletion short. When AWS refuses, a one-line error says
     * which application to delete by hand (and the connected platform tries again when it closes).
     */
    private void delete(ApplicationManager manager, String id) {
        dev.benchbox.Interrupts.heldAside(() -> {
            try {
                manager.delete(id);
                platform.sweepApplicationDeleted(id);
            } catch (RuntimeException e) {
                log.warn("could not delete application {} created for a sweep: {}", id, e.getMessage());
                throw new dev.benchbox.BenchboxException("could not delete application " + id + " created for the sweep: "
                        + e.getMessage() + " (delete it with: aws emr-serverless delete-application --application-id " + id + ")", e);
            }
        });
    }
}
