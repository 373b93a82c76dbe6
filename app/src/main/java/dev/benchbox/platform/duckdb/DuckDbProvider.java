package dev.benchbox.platform.duckdb;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.PlatformProvider;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code connect duckdb [--path FILE]}: in memory unless a database file is given. */
@Component
public final class DuckDbProvider implements PlatformProvider {
    public static final String NAME = "duckdb";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public java.util.Optional<String> whyNoStreamConnections() {
        return java.util.Optional.empty();
    }

    @Override
    public java.util.Optional<dev.benchbox.platform.SweepDimensions> sweepDimensions() {
        return java.util.Optional.of(DuckDbSweepDimensions.INSTANCE);
    }

    @Override
    public Connection open(ConnectRequest request) {
        if (!request.options().isEmpty()) {
            throw new BenchboxException("--" + request.options().keySet().iterator().next().replace('_', '-')
                    + " is an emr-serverless option; duckdb takes --path only");
        }
        if (request.dryRun() != null) {
            throw new BenchboxException("--dry-run previews the requests sent to AWS: it goes with emr-serverless");
        }
        String path = request.path();
        DuckDbPlatform platform = DuckDbPlatform.open(path == null || path.isBlank() ? null : Path.of(path));
        return new Connection(platform, platform.dropLeftoverStagingTables().stream().toList());
    }
}
