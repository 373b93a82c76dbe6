package dev.benchbox.standin;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Hands S3 requests to the in-process s3proxy unchanged (method, raw path and query, headers, body) and
 * copies its answer back. s3proxy runs its own shaded Jetty on a private port, so forwarding is the one
 * seam between the stand-in's single endpoint and it; s3proxy runs without authentication, so the
 * rewritten Host header does not matter.
 */
final class S3Forwarder {

    // Headers the JDK client sets itself (or refuses), and hop-by-hop headers.
    private static final Set<String> SKIPPED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection");

    private final URI target;
    private final HttpClient client;

    S3Forwarder(URI target) {
        this.target = requireNonNull(target, "target is null");
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void forward(HttpExchange exchange, byte[] body) throws IOException {
        String rawQuery = exchange.getRequestURI().getRawQuery();
        URI uri = URI.create(target + exchange.getRequestURI().getRawPath() + (rawQuery == null ? "" : "?" + rawQuery));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!SKIPPED.contains(name.toLowerCase(Locale.ROOT))) {
                for (String v : values) {
                    try {
                        request.header(name, v);
                    } catch (IllegalArgumentException restricted) {
                        // a header the JDK client will not send; s3proxy does not need it
                    }
                }
            }
        });
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding to s3proxy", e);
        }
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith(":") && !SKIPPED.contains(lower) || lower.equals("content-length") && isHead(exchange)) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        long length = response.headers().firstValueAsLong("content-length").orElse(-1);
        try (InputStream in = response.body()) {
            if (isHead(exchange) || response.statusCode() == 204 || response.statusCode() == 304 || length == 0) {
                exchange.sendResponseHeaders(response.statusCode(), -1);
                in.transferTo(OutputStream.nullOutputStream());
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(response.statusCode(), length < 0 ? 0 : length);
            try (OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }

    private static boolean isHead(HttpExchange exchange) {
        return exchange.getRequestMethod().equals("HEAD");
    }
}
