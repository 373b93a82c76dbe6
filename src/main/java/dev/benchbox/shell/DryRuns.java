package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.emr.DryRunRecorder;
import dev.benchbox.platform.emr.EmrServerlessPlatform;
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

    /** The connected platform, or a dry-run view of it that writes requests to {@code dir} when one is given. */
    public Platform target(String dir) {
        Platform platform = session.platform();
        if (dir == null) {
            return platform;
        }
        if (!(platform instanceof EmrServerlessPlatform emr)) {
            throw new BenchboxException("--dry-run previews the requests sent to AWS: it needs an emr-serverless connection");
        }
        return emr.dryRunView(DryRunRecorder.open(Path.of(dir)));
    }

    /** The recorder of a dry-run platform. */
    public static Optional<DryRunRecorder> recorder(Platform platform) {
        return platform instanceof EmrServerlessPlatform emr ? emr.dryRunRecorder() : Optional.empty();
    }

    /** One line saying what a dry run wrote. */
    public static String summary(DryRunRecorder recorder, int before) {
        int written = recorder.written().size() - before;
        return "Dry run: " + written + " file" + (written == 1 ? "" : "s") + " written to " + recorder.directory()
                + "; nothing was sent to AWS";
    }
}
