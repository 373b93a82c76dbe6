package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.duckdb.DuckDbPlatform;
import dev.benchbox.platform.emr.DryRunRecorder;
import dev.benchbox.platform.emr.EmrOptions;
import dev.benchbox.platform.emr.EmrServerlessPlatform;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Opens a platform by name with the options given to {@code connect} (or the one-shot {@code run}). */
@Component
public class PlatformFactory {
    public static final List<String> PLATFORMS = List.of("duckdb", EmrServerlessPlatform.NAME);

    private final EnvironmentVariables environment;
    private final Console console;

    public PlatformFactory(EnvironmentVariables environment, Console console) {
        this.environment = environment;
        this.console = console;
    }

    public Platform open(String name, String path) {
        return open(name, path, Map.of(), null);
    }

    /**
     * @param emrOptions emr-serverless options by key (flags and --platform-option merged)
     * @param dryRun directory for a dry run's request files, or null
     */
    public Platform open(String name, String path, Map<String, String> emrOptions, Path dryRun) {
        String platform = name == null ? "duckdb" : name.toLowerCase(Locale.ROOT);
        return switch (platform) {
            case "duckdb" -> {
                if (!emrOptions.isEmpty()) {
                    throw new BenchboxException("--" + emrOptions.keySet().iterator().next().replace('_', '-')
                            + " is an emr-serverless option; duckdb takes --path only");
                }
                if (dryRun != null) {
                    throw new BenchboxException("--dry-run previews the requests sent to AWS: it goes with emr-serverless");
                }
                yield DuckDbPlatform.open(path == null || path.isBlank() ? null : Path.of(path));
            }
            case EmrServerlessPlatform.NAME -> {
                if (path != null) {
                    throw new BenchboxException("--path is a duckdb option; emr-serverless keeps its data in s3_staging_dir");
                }
                EmrOptions options = EmrOptions.resolve(emrOptions, environment.all(), dryRun != null);
                if (dryRun != null) {
                    yield EmrServerlessPlatform.dryRun(options, DryRunRecorder.open(dryRun));
                }
                EmrServerlessPlatform emr = EmrServerlessPlatform.connect(options);
                emr.jobProgress(new JobProgressPrinter(console));
                yield emr;
            }
            default -> throw new BenchboxException("unknown platform '" + name + "': expected one of " + String.join(", ", PLATFORMS));
        };
    }
}
