package dev.benchbox.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link AwsStandIn} per test JVM, started by the first test that asks for it and closed when the JVM's test
 * run ends. Starting one costs s3proxy, an HTTP server and two parsed AWS models; a test only needs a clean one,
 * so before every test it is {@linkplain AwsStandIn#reset(StandInConfig) reset} to {@link #defaults(Path)}. A test
 * that needs another executor, clock or latencies resets it once more with its own config, e.g.
 * {@code aws.reset(aws.config().withExecutor(...))}.
 */
public final class AwsStandInExtension implements BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AwsStandInExtension.class);

    /**
     * What every test starts from: the test latencies, the system clock and an executor that succeeds at once
     * (no Spark child JVM; a test that runs the real job resets with {@code withExecutor(null)}).
     */
    public static StandInConfig defaults(Path dataDir) {
        return StandInConfig.forTests(dataDir).withExecutor(request -> JobExecutor.JobResult.success());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        AwsStandIn aws = shared(context);
        aws.reset(defaults(aws.config().dataDir()));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AwsStandIn.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    private static AwsStandIn shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Shared.class, key -> Shared.start(), Shared.class).aws;
    }

    /** The JVM's stand-in and its data directory, both gone when the root context closes. */
    private record Shared(AwsStandIn aws, Path dataDir) implements ExtensionContext.Store.CloseableResource {

        static Shared start() {
            try {
                Path dir = Files.createTempDirectory("benchbox-standin");
                return new Shared(AwsStandIn.start(defaults(dir)), dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                aws.close();
            } finally {
                try (var paths = Files.walk(dataDir)) {
                    for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}
