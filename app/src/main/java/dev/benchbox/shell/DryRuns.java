package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.DryRun;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.Previews;
import dev.benchbox.session.Session;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The platform a command acts on when it is given {@code --dry-run DIR}: the connection, previewed. */
@Component
public class DryRuns {
    private final Session session;

    public DryRuns(Session session) {
        this.session = session;
    }

    /** The connected platform, or a preview of it that writes requests to {@code dir} when one is given. */
    public Platform target(String dir, boolean replace) {
        Platform platform = session.platform();
        if (dir == null) {
            return platform;
        }
        return previews(platform).preview(Path.of(dir), replace);
    }

    /** The platform's previews, or the one line saying it has none. */
    static Previews previews(Platform platform) {
        return platform.previews().orElseThrow(() -> new BenchboxException(
                "--dry-run is not offered by the connected platform (" + platform.name()
                        + "): it previews the requests sent to AWS, so it needs an emr-serverless connection"));
    }

    /** What a previewing platform wrote; empty when the platform sends its requests. */
    public static Optional<DryRun> recorder(Platform platform) {
        return platform.dryRun();
    }

    /** One line saying what a dry run wrote. */
    public static String summary(DryRun dryRun, int before) {
        int written = dryRun.filesWritten() - before;
        return "Dry run: " + written + " file" + (written == 1 ? "" : "s") + " written to " + dryRun.directory()
                + "; nothing was sent to AWS";
    }
}
