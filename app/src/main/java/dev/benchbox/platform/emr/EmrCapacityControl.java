package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.ApplicationInfo;
import dev.benchbox.platform.CapacityChange;
import dev.benchbox.platform.CapacityControl;

/** The EMR Serverless application of a connection as a {@link CapacityControl}: checks locally, then asks AWS. */
final class EmrCapacityControl implements CapacityControl {
    private final EmrServerlessPlatform platform;

    EmrCapacityControl(EmrServerlessPlatform platform) {
        this.platform = requireNonNull(platform, "platform is null");
    }

    @Override
    public String applicationId() {
        return platform.applicationId();
    }

    @Override
    public ApplicationInfo status() {
        return platform.application();
    }

    @Override
    public void check(CapacityChange change) {
        settings(change);
    }

    @Override
    public ApplicationInfo update(CapacityChange change) {
        return platform.updateCapacity(settings(change));
    }

    @Override
    public ApplicationInfo start() {
        return platform.startApplication();
    }

    @Override
    public void stop() {
        platform.stopApplication();
    }

    @Override
    public void deleteOnClose() {
        platform.deleteOnClose();
    }

    /** The change as AWS's worker sizes; every part is checked before any call. */
    static CapacitySettings settings(CapacityChange change) {
        CapacitySettings settings = new CapacitySettings(
                change.driver() == null ? null : WorkerCapacity.parse(change.driver(), "--driver"),
                change.executors() == null ? null : WorkerCapacity.parse(change.executors(), "--executors"),
                change.maxCpu(), change.maxMemoryGb());
        if (settings.isEmpty()) {
            throw new BenchboxException("say what to change: --driver, --executors and/or --max-cpu with --max-memory");
        }
        return settings;
    }
}
