package dev.benchbox.platform.emr.session;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.Column;
import dev.benchbox.platform.QuerySummary;
import dev.benchbox.platform.RowSink;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.ExecutePlanResponse;
import org.apache.spark.connect.proto.InterruptRequest;
import org.apache.spark.connect.proto.Plan;
import org.apache.spark.connect.proto.Relation;
import org.apache.spark.connect.proto.SQL;
import org.apache.spark.connect.proto.SparkConnectServiceGrpc;
import org.apache.spark.connect.proto.UserContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Spark Connect 3.5 client made of the generated gRPC stubs ({@code spark-connect-common}), grpc-java and Arrow:
 * one SQL statement per ExecutePlan, rows streamed from the Arrow batches into a {@link RowSink}. The session's
 * token travels in the {@code x-aws-proxy-auth} header; it is refreshed (through {@code endpoints}) before it
 * expires and once when the server answers UNAUTHENTICATED. Interrupting the calling thread cancels the call and
 * interrupts the operation on the server by its tag; the session stays usable.
 */
public final class SparkConnectClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SparkConnectClient.class);
    /** The message of an operation interrupted by Ctrl-C; the session stays usable. */
    static final String CANCELLED = "query cancelled (the session stays open)";

    /** The header AWS's Spark Connect proxy reads the session token from. */
    public static final Metadata.Key<String> AUTH_HEADER = Metadata.Key.of("x-aws-proxy-auth", Metadata.ASCII_STRING_MARSHALLER);
    private static final String CLIENT_TYPE = "benchbox";
    private static final Duration MAX_REFRESH_MARGIN = Duration.ofMinutes(5);

    private final Supplier<SessionApi.Endpoint> endpoints;
    private final Clock clock;
    private final String sessionId = UUID.randomUUID().toString();
    private final UserContext user = UserContext.newBuilder().setUserId("benchbox").setUserName("benchbox").build();
    private final BufferAllocator allocator = new RootAllocator();
    private SessionApi.Endpoint endpoint;
    private Instant fetchedAt;
    private ManagedChannel channel;
    private String channelTarget;

    /** @param endpoints GetSessionEndpoint of the session: called for the first token and for each refresh */
    public SparkConnectClient(Supplier<SessionApi.Endpoint> endpoints, Clock clock) {
        this.endpoints = requireNonNull(endpoints, "endpoints is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Runs one statement and streams its rows; a failure is one line with Spark's error class. */
    public QuerySummary execute(String sql, RowSink sink) {
        return execute(sql, sink, null);
    }

    /**
     * As {@link #execute(String, RowSink)}, but gives up after {@code deadline} (null: never), so a background look-up
     * cannot hang on a session that stopped answering.
     */
    public QuerySummary execute(String sql, RowSink sink, Duration deadline) {
        long started = System.nanoTime();
        String tag = "benchbox-" + UUID.randomUUID();
        ExecutePlanRequest request = ExecutePlanRequest.newBuilder().setSessionId(sessionId).setUserContext(user)
                .setClientType(CLIENT_TYPE).addTags(tag)
                .setPlan(Plan.newBuilder().setRoot(Relation.newBuilder().setSql(SQL.newBuilder().setQuery(sql)))).build();
        boolean retried = false;
        while (true) {
            boolean answered = false;
            try {
                SparkConnectServiceGrpc.SparkConnectServiceBlockingStub stub = stub();
                if (deadline != null) {
                    stub = stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
                }
                long called = System.nanoTime();
                Iterator<ExecutePlanResponse> responses = stub.executePlan(request);
                Rows rows = new Rows(sink);
                long first = 0;
                long decoding = 0;
                int messages = 0;
                java.util.Map<String, Long> metrics = java.util.Map.of();
                while (responses.hasNext()) {
                    if (!answered) {
                        first = System.nanoTime();
                    }
                    answered = true;
                    messages++;
                    ExecutePlanResponse response = responses.next();
                    if (response.hasArrowBatch()) {
                        long decode = System.nanoTime();
                        rows.batch(response.getArrowBatch().getData().toByteArray());
                        decoding += System.nanoTime() - decode;
                    }
                    if (response.hasMetrics()) {
                        metrics = rowsRead(response.getMetrics());
                    }
                }
                rows.end();
                long done = System.nanoTime();
                if (log.isDebugEnabled()) {
                    // where a statement's round trip goes: the profile in docs/performance.md is made of these lines
                    log.debug("statement {}: stub {} ms, first response {} ms, rest of the stream {} ms ({} messages, Arrow decoding {} ms), "
                            + "{} rows, round trip {} ms", tag, ms(called - started), ms(first - called), ms(done - first), messages,
                            ms(decoding), rows.count, ms(done - started));
                }
                return new QuerySummary(rows.columns == null ? List.of() : rows.columns, rows.count, done - started, metrics);
            } catch (StatusRuntimeException e) {
                if (Thread.interrupted() || e.getStatus().getCode() == Status.Code.CANCELLED) {
                    interrupt(tag);
                    throw new BenchboxException(CANCELLED);
                }
                if (e.getStatus().getCode() == Status.Code.UNAUTHENTICATED && !answered && !retried) {
                    retried = true;
                    refresh(); // once: the token may have expired between our check and the server's
                    continue;
                }
                throw translate(e);
            } catch (IOException e) {
                throw new BenchboxException("cannot read the session's result: " + e.getMessage(), e);
            }
        }
    }

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /**
     * Rows read, from the plan's metrics Spark Connect sends after the result: the sum of every storage scan's output rows
     * (nodes named {@code Scan ...} or {@code BatchScan ...}; the server descends into adaptive plans' final stages). That
     * is all it reports of what a query read: no bytes, no shuffles, no planning phases. Empty when no scan reported rows.
     */
    static java.util.Map<String, Long> rowsRead(ExecutePlanResponse.Metrics metrics) {
        long rows = 0;
        boolean scanned = false;
        for (ExecutePlanResponse.Metrics.MetricObject node : metrics.getMetricsList()) {
            ExecutePlanResponse.Metrics.MetricValue output = node.getExecutionMetricsMap().get("numOutputRows");
            if ((node.getName().startsWith("Scan ") || node.getName().startsWith("BatchScan ")) && output != null) {
                rows += output.getValue();
                scanned = true;
            }
        }
        return scanned ? java.util.Map.of(dev.benchbox.results.SparkMetrics.INPUT_ROWS, rows) : java.util.Map.of();
    }

    /** Interrupts every operation carrying {@code tag}; best effort, briefly. */
    private void interrupt(String tag) {
        try {
            stub().withDeadlineAfter(5, TimeUnit.SECONDS).interrupt(InterruptRequest.newBuilder().setSessionId(sessionId).setUserContext(user)
                    .setClientType(CLIENT_TYPE).setInterruptType(InterruptRequest.InterruptType.INTERRUPT_TYPE_TAG).setOperationTag(tag).build());
        } catch (RuntimeException e) {
            // the call itself was cancelled already; the server ends an orphaned operation on its own
        }
    }

    private BenchboxException translate(StatusRuntimeException e) {
        Status status = e.getStatus();
        String description = status.getDescription() == null ? status.getCode().name() : status.getDescription().strip();
        String first = description.split("\\R", 2)[0];
        return switch (status.getCode()) {
            case UNAUTHENTICATED, PERMISSION_DENIED -> new BenchboxException("the session refused the token even after a refresh ("
                    + first + "): start a new one with 'session stop' and 'session start'");
            case UNAVAILABLE -> new BenchboxException("the session's Spark Connect endpoint " + (endpoint == null ? "" : endpoint.url() + " ")
                    + "is unreachable (" + first + "): check 'session status'");
            case DEADLINE_EXCEEDED -> new BenchboxException("the session did not answer in time");
            default -> new BenchboxException("Spark: " + first);
        };
    }

    private synchronized SparkConnectServiceGrpc.SparkConnectServiceBlockingStub stub() {
        if (endpoint == null || dueForRefresh()) {
            refresh();
        }
        return SparkConnectServiceGrpc.newBlockingStub(channel).withInterceptors(new TokenHeader())
                .withMaxInboundMessageSize(256 * 1024 * 1024);
    }

    private boolean dueForRefresh() {
        Duration lifetime = Duration.between(fetchedAt, endpoint.expiresAt());
        Duration margin = lifetime.dividedBy(4).compareTo(MAX_REFRESH_MARGIN) < 0 ? lifetime.dividedBy(4) : MAX_REFRESH_MARGIN;
        return !clock.instant().isBefore(endpoint.expiresAt().minus(margin));
    }

    private synchronized void refresh() {
        SessionApi.Endpoint fresh = endpoints.get();
        fetchedAt = clock.instant();
        endpoint = fresh;
        if (channel == null || !fresh.url().equals(channelTarget)) {
            if (channel != null) {
                channel.shutdownNow();
            }
            channel = open(fresh.url());
            channelTarget = fresh.url();
        }
    }

    private static ManagedChannel open(String url) {
        URI uri = URI.create(url);
        boolean tls = "https".equalsIgnoreCase(uri.getScheme()) || "sc".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        ManagedChannelBuilder<?> builder = ManagedChannelBuilder.forAddress(uri.getHost(), port);
        if (tls) {
            builder.useTransportSecurity();
        } else {
            builder.usePlaintext();
        }
        return builder.build();
    }

    /** Puts the current token in every call's headers. */
    private final class TokenHeader implements ClientInterceptor {
        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            String token;
            synchronized (SparkConnectClient.this) {
                token = endpoint.authToken();
            }
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    headers.put(AUTH_HEADER, token);
                    super.start(listener, headers);
                }
            };
        }
    }

    /** Decodes Arrow IPC batches into rows for the sink. */
    private final class Rows {
        private final RowSink sink;
        private List<Column> columns;
        private long count;

        Rows(RowSink sink) {
            this.sink = sink;
        }

        void batch(byte[] ipc) throws IOException {
            try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(ipc), allocator)) {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                if (columns == null) {
                    columns = ArrowRows.columns(root);
                    sink.begin(columns);
                }
                while (reader.loadNextBatch()) {
                    List<FieldVector> vectors = root.getFieldVectors();
                    for (int row = 0; row < root.getRowCount(); row++) {
                        Object[] values = new Object[vectors.size()];
                        for (int c = 0; c < values.length; c++) {
                            values[c] = ArrowRows.value(vectors.get(c), row);
                        }
                        sink.row(java.util.Arrays.asList(values));
                        count++;
                    }
                }
            }
        }

        void end() throws IOException {
            if (columns == null) {
                columns = List.of();
                sink.begin(columns);
            }
            sink.end();
        }
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            channel.shutdownNow();
            try {
                channel.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        allocator.close();
    }
}
