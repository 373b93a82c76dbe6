package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.duckdb.DuckDbPlatform;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Opens a platform by name with the options given to {@code connect}. */
@Component
public class PlatformFactory {
    public static final List<String> PLATFORMS = List.of("duckdb");

    public Platform open(String name, String path) {
        String platform = name == null ? "duckdb" : name.toLowerCase(Locale.ROOT);
        return switch (platform) {
            case "duckdb" -> DuckDbPlatform.open(path == null || path.isBlank() ? null : Path.of(path));
            case "emr-serverless" -> throw new BenchboxException(
                    "the emr-serverless platform is not available in this build yet; use duckdb");
            default -> throw new BenchboxException("unknown platform '" + name + "': expected one of " + String.join(", ", PLATFORMS));
        };
    }
}
