package dev.benchbox.standin;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the AWS stand-in standalone for exploring by hand ({@code scripts/local-aws}): prints the endpoint,
 * bucket, environment variables and the shell's {@code connect} line, then serves until Ctrl-C.
 * Options: {@code --port N} (default: random), {@code --data DIR} (default: target/local-aws).
 */
public final class LocalAwsMain {

    private LocalAwsMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        AwsStandIn aws = start(args, System.err);
        if (aws == null) {
            // the stand-in may have started some servers (non-daemon threads) before failing: exit, never hang
            System.exit(1);
        }
        serve(aws);
    }

    /**
     * Starts the stand-in as the arguments say; null after writing one line to {@code err} when it cannot
     * (bad arguments, a port in use, a missing model file), with no stack trace.
     */
    static AwsStandIn start(String[] args, java.io.PrintStream err) {
        int port = 0;
        Path data = Path.of("target", "local-aws");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--data" -> data = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            err.println("local-aws: " + (e instanceof NumberFormatException ? "--port needs a number"
                    : e instanceof ArrayIndexOutOfBoundsException ? args[args.length - 1] + " needs a value" : e.getMessage())
                    + "; usage: local-aws [--port N] [--data DIR]");
            return null;
        }
        // s3proxy and Jetty log at DEBUG by default: keep the console for what a person needs to see.
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        try {
            return AwsStandIn.start(StandInConfig.interactive(data.toAbsolutePath()).withPort(port));
        } catch (RuntimeException e) {
            err.println("local-aws: cannot start: " + rootMessage(e));
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.strip().split("\\R")[0];
    }

    private static void serve(AwsStandIn aws) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            aws.close();
            stopped.countDown();
            System.out.println("local-aws stopped");
        }, "local-aws-stop"));
        String url = aws.endpoint().toString();
        System.out.println("""
                BenchBox local AWS stand-in: EMR Serverless, Glue and S3 on one endpoint (Ctrl-C stops it)
                  endpoint:       %1$s
                  bucket:         s3://%2$s/
                  execution role: %3$s
                  data:           %4$s

                Environment for SDK/CLI clients:
                  export AWS_ENDPOINT_URL=%1$s
                  export AWS_ACCESS_KEY_ID=%5$s
                  export AWS_SECRET_ACCESS_KEY=%6$s
                  export AWS_REGION=%7$s

                In the BenchBox shell (started with the environment above, for the dummy credentials):
                  connect emr-serverless --endpoint-url %1$s --region %7$s --s3-staging-dir s3://%2$s/benchbox/ --execution-role-arn %3$s --create-application --release-label %8$s
                """.formatted(url, aws.bucket(), AwsStandIn.EXECUTION_ROLE, aws.blobStoreDir().getParent(),
                AwsStandIn.ACCESS_KEY, AwsStandIn.SECRET_KEY, AwsStandIn.REGION.id(),
                // a release with interactive sessions, so 'session start' works on what this line creates
                dev.benchbox.platform.emr.job.ReleaseLabel.FIRST_7X_WITH_SESSIONS));
        System.out.flush();
        stopped.await();
    }
}
