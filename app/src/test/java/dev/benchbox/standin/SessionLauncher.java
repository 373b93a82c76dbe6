package dev.benchbox.standin;

import java.nio.file.Path;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Starts the server behind a stand-in session: a real Spark Connect server by default ({@link SparkConnectLauncher}). */
public interface SessionLauncher {

    /**
     * What to start.
     *
     * @param applicationId the session's application
     * @param sessionId     the session
     * @param sparkConf     the session's Spark properties (application spark-defaults, then the session's overrides)
     * @param workDir       a directory of its own
     * @param tokensFile    the tokens the server must accept ({@code TOKEN<TAB>EXPIRES_EPOCH_MILLIS} lines)
     * @param activityFile  touched by the server on each accepted call (the idle timeout reads its time)
     * @param releaseLabel  the application's release: which Spark the server runs
     */
    record Launch(String applicationId, String sessionId, Map<String, String> sparkConf, Path workDir, Path tokensFile,
                  Path activityFile, String releaseLabel) {
        public Launch {
            requireNonNull(releaseLabel, "releaseLabel is null");
            requireNonNull(applicationId, "applicationId is null");
            requireNonNull(sessionId, "sessionId is null");
            sparkConf = Map.copyOf(sparkConf);
            requireNonNull(workDir, "workDir is null");
            requireNonNull(tokensFile, "tokensFile is null");
            requireNonNull(activityFile, "activityFile is null");
        }
    }

    /** A started server. */
    interface Server {
        /** The loopback port it accepts Spark Connect on. */
        int port();

        boolean alive();

        /** Stops it and waits until it is gone. */
        void stop();
    }

    /** Starts the server and returns once it accepts connections; throws with a reason when it cannot. */
    Server launch(Launch launch) throws Exception;
}
