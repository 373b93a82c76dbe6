package dev.benchbox.platform.duckdb;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.cost.BillingProfile;
import dev.benchbox.platform.ConfigurationSweeps;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.SweepDimensions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/**
 * A sweep on DuckDB: each configuration is {@code SET threads}/{@code SET memory_limit} on the session's connection;
 * closing the deployment puts the settings back as they were. DuckDB costs nothing per run.
 */
final class DuckDbSweeps implements ConfigurationSweeps {
    private final DuckDbPlatform platform;

    DuckDbSweeps(DuckDbPlatform platform) {
        this.platform = requireNonNull(platform, "platform is null");
    }

    @Override
    public SweepDimensions dimensions() {
        return DuckDbSweepDimensions.INSTANCE;
    }

    @Override
    public Optional<BillingProfile> billingProfile(Map<String, String> configuration) {
        return Optional.empty();
    }

    @Override
    public Deployment deploy(Map<String, String> deploymentSettings) {
        String threads = setting(DuckDbSweepDimensions.THREADS);
        String memoryLimit = setting(DuckDbSweepDimensions.MEMORY_LIMIT);
        return new Deployment() {
            @Override
            public String description() {
                return "DuckDB connection (settings restored afterwards)";
            }

            @Override
            public boolean created() {
                return false;
            }

            @Override
            public Platform configure(Map<String, String> configuration) {
                // settings a configuration does not name go back to what they were, so no run inherits another's
                set(DuckDbSweepDimensions.THREADS, configuration.getOrDefault(DuckDbSweepDimensions.THREADS, threads));
                set(DuckDbSweepDimensions.MEMORY_LIMIT, configuration.getOrDefault(DuckDbSweepDimensions.MEMORY_LIMIT, memoryLimit));
                return platform;
            }

            @Override
            public void close() {
                try {
                    set(DuckDbSweepDimensions.THREADS, threads);
                    set(DuckDbSweepDimensions.MEMORY_LIMIT, memoryLimit);
                } catch (RuntimeException e) {
                    // closing never fails: the settings last only as long as the connection
                }
            }
        };
    }

    private String setting(String name) {
        // the platform's own methods hold its lock while they use the connection (a background table-name refresh
        // among them): one DuckDB connection runs one statement at a time
        synchronized (platform) {
            return readSetting(name);
        }
    }

    private String readSetting(String name) {
        try (Statement statement = platform.connection().createStatement();
                ResultSet rs = statement.executeQuery("SELECT current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new BenchboxException("cannot read DuckDB's " + name + ": " + SqlErrors.describe(e.getMessage()), e);
        }
    }

    private void set(String name, String value) {
        synchronized (platform) {
            apply(name, value);
        }
    }

    private void apply(String name, String value) {
        // values were checked by DuckDbSweepDimensions (digits, or digits and a unit): nothing to quote but the literal
        String literal = DuckDbSweepDimensions.THREADS.equals(name) ? value : "'" + value.replace("'", "''") + "'";
        try (Statement statement = platform.connection().createStatement()) {
            statement.execute("SET " + name + " = " + literal);
        } catch (SQLException e) {
            throw new BenchboxException("DuckDB refused " + name + " = " + value + ": " + SqlErrors.describe(e.getMessage()), e);
        }
    }
}
