package dev.benchbox.platform;

import dev.benchbox.cost.BillingProfile;
import java.util.Map;
import java.util.Optional;

/**
 * A platform's capability to run one benchmark under several configurations (a sweep): it prices each
 * configuration before anything starts, sets up what a configuration needs (an application of its own for a
 * release or an architecture) and hands out the platform configured for it. Settings a job run can carry (worker
 * sizes, Spark settings, DuckDB's threads) need no deployment.
 */
public interface ConfigurationSweeps {
    /** The dimensions and how values are checked. */
    SweepDimensions dimensions();

    /** How a run with this configuration is billed; empty when the platform costs nothing per run. */
    Optional<BillingProfile> billingProfile(Map<String, String> configuration);

    /**
     * Sets up a deployment for these settings ({@link SweepDimensions#deploymentSettings}); with none, the connected
     * one as it is. Creating something that then fails to start removes it again before this throws.
     */
    Deployment deploy(Map<String, String> deploymentSettings);

    /**
     * What {@link #deploy} set up; closing it removes what it created. When that fails, {@link #close()} throws a
     * one-line error naming what is left (the user must hear of anything still costing money).
     */
    interface Deployment extends AutoCloseable {
        /** One line for the user, e.g. {@code application 00f... (emr-7.0.0, arm64), created for this sweep}. */
        String description();

        /** Whether closing removes something this deployment created. */
        boolean created();

        /**
         * The platform configured for one configuration of this deployment. It belongs to the deployment: callers do
         * not close it; the next {@code configure} or {@link #close()} ends its use.
         */
        Platform configure(Map<String, String> configuration);

        @Override
        void close();
    }
}
