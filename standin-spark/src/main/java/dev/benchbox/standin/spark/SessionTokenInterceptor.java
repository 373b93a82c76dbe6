package dev.benchbox.standin.spark;

import org.sparkproject.connect.grpc.Grpc;
import org.sparkproject.connect.grpc.Metadata;
import org.sparkproject.connect.grpc.ServerCall;
import org.sparkproject.connect.grpc.ServerCallHandler;
import org.sparkproject.connect.grpc.ServerInterceptor;
import org.sparkproject.connect.grpc.Status;

import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * The stand-in session's guard in front of the Spark Connect server ({@code spark.connect.grpc.interceptor.classes};
 * the 3.5 server binds every interface and has no authentication of its own). It lets a call through only from a
 * loopback peer carrying, in {@code x-aws-proxy-auth}, a token the stand-in issued for this session (GetSessionEndpoint)
 * that has not expired. The stand-in writes the tokens to the file named by {@code benchbox.standin.session.tokens}
 * (one {@code TOKEN<TAB>EXPIRES_EPOCH_MILLIS} a line); each accepted call touches {@code benchbox.standin.session.activity},
 * which the stand-in reads for the session's idle timeout. Before letting a call through it brings the server's catalog in
 * step with the stand-in's Glue ({@code benchbox.standin.session.catalog}, see {@link GlueCatalogSync}).
 */
public final class SessionTokenInterceptor implements ServerInterceptor {
    static final Metadata.Key<String> AUTH = Metadata.Key.of("x-aws-proxy-auth", Metadata.ASCII_STRING_MARSHALLER);

    private final Path tokens = Path.of(System.getProperty("benchbox.standin.session.tokens"));
    private final Path activity = Path.of(System.getProperty("benchbox.standin.session.activity"));
    private final Path catalog = System.getProperty("benchbox.standin.session.catalog") == null ? null
            : Path.of(System.getProperty("benchbox.standin.session.catalog"));

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        if (!(peer instanceof InetSocketAddress address) || !address.getAddress().isLoopbackAddress()) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription("only loopback clients may use the stand-in's session"));
        }
        String token = headers.get(AUTH);
        if (token == null) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("missing x-aws-proxy-auth token"));
        }
        if (!valid(token)) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("invalid or expired x-aws-proxy-auth token"));
        }
        try {
            Files.setLastModifiedTime(activity, FileTime.from(Instant.now()));
        } catch (IOException ignored) {
            // only the idle timeout reads it
        }
        if (catalog != null) {
            try {
                // before the call runs: a table created in Glue since the last call is there for this one
                GlueCatalogSync.sync(SparkSession.builder().getOrCreate(), catalog);
            } catch (IOException | RuntimeException e) {
                System.err.println("stand-in session: cannot sync the Glue catalog: " + e);
            }
        }
        return next.startCall(call, headers);
    }

    private boolean valid(String token) {
        long now = System.currentTimeMillis();
        try {
            for (String line : Files.readAllLines(tokens, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0 && line.substring(0, tab).equals(token)) {
                    return Long.parseLong(line.substring(tab + 1).trim()) > now;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
