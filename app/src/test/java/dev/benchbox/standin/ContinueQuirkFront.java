package dev.benchbox.standin;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Fault knob for S3-compatible servers: an HTTP/1.1 front on 127.0.0.1 that relays every request to a
 * stand-in, but answers {@code Expect: 100-continue} the way some S3-compatible servers (Ceph RGW, moto's
 * server) do — an interim {@code 100 Continue} before the body and another one in front of the final response.
 * The AWS SDK's Netty client takes that second interim answer for the response and fails the upload with
 * "Status Code: 100" (aws-sdk-java-v2 #1969). Requests without the expectation pass through unchanged.
 *
 * <pre>{@code
 * try (ContinueQuirkFront front = ContinueQuirkFront.start(aws.endpoint())) {
 *     // point the clients at front.endpoint()
 * }
 * }</pre>
 */
public final class ContinueQuirkFront implements AutoCloseable {

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    // hop-by-hop headers and those the JDK client sets itself
    private static final Set<String> SKIPPED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection");

    private final URI target;
    private final ServerSocket socket;
    private final HttpClient client;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger expectations = new AtomicInteger();
    private final List<Socket> open = new ArrayList<>();

    private ContinueQuirkFront(URI target) throws IOException {
        this.target = requireNonNull(target, "target is null");
        this.socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        Thread acceptor = new Thread(this::accept, "continue-quirk-front");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a front relaying to {@code target} (a stand-in's endpoint). */
    public static ContinueQuirkFront start(URI target) {
        try {
            return new ContinueQuirkFront(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT}: use it as the clients' endpoint override. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /** Requests relayed so far. */
    public int requests() {
        return requests.get();
    }

    /** Requests that carried {@code Expect: 100-continue} (and so got the quirky answer). */
    public int expectations() {
        return expectations.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                synchronized (open) {
                    open.add(connection);
                }
                Thread worker = new Thread(() -> serve(connection), "continue-quirk-connection");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (true) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                String[] parts = requestLine.split(" ", 3);
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    int colon = header.indexOf(':');
                    headers.add(Map.entry(header.substring(0, colon).trim(), header.substring(colon + 1).trim()));
                }
                requests.incrementAndGet();
                boolean expect = "100-continue".equalsIgnoreCase(first(headers, "expect"));
                if (expect) {
                    expectations.incrementAndGet();
                    out.write(CONTINUE);
                    out.flush();
                }
                byte[] body = body(in, headers);
                HttpResponse<byte[]> response = relay(parts[0], parts[1], headers, body);
                if (expect) {
                    out.write(CONTINUE); // the quirk: the expectation answered a second time
                }
                write(out, parts[0], response);
                if ("close".equalsIgnoreCase(first(headers, "connection"))) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away; nothing to clean up beyond the socket
        } finally {
            synchronized (open) {
                open.remove(connection);
            }
        }
    }

    private HttpResponse<byte[]> relay(String method, String path, List<Map.Entry<String, String>> headers, byte[] body)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path)).timeout(Duration.ofMinutes(5))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, String> header : headers) {
            if (!SKIPPED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                try {
                    request.header(header.getKey(), header.getValue());
                } catch (IllegalArgumentException restricted) {
                    // a header the JDK client will not send; the stand-in does not need it
                }
            }
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while relaying", e);
        }
    }

    private static void write(OutputStream out, String method, HttpResponse<byte[]> response) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(response.statusCode()).append(' ')
                .append(response.statusCode() < 400 ? "OK" : "Error").append("\r\n");
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith(":") && !SKIPPED.contains(lower)) {
                values.forEach(v -> head.append(name).append(": ").append(v).append("\r\n"));
            }
        });
        boolean isHead = method.equals("HEAD");
        long length = isHead ? response.headers().firstValueAsLong("content-length").orElse(0) : response.body().length;
        head.append("Content-Length: ").append(length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!isHead) {
            out.write(response.body());
        }
        out.flush();
    }

    private static byte[] body(InputStream in, List<Map.Entry<String, String>> headers) throws IOException {
        if ("chunked".equalsIgnoreCase(first(headers, "transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (String size = line(in); size != null; size = line(in)) {
                int n = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
                if (n == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers: not relayed
                    }
                    break;
                }
                body.write(in.readNBytes(n));
                line(in);
            }
            return body.toByteArray();
        }
        String length = first(headers, "content-length");
        return length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
    }

    private static String first(List<Map.Entry<String, String>> headers, String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return c == -1 && line.isEmpty() ? null : line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        synchronized (open) {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
