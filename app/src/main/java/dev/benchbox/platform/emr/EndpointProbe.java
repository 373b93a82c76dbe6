package dev.benchbox.platform.emr;

import dev.benchbox.BenchboxException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One quick look at the endpoint before the first AWS call. The SDK clients retry connection failures eight
 * times with backoff, which is right once AWS has answered (a blip passes) but makes a mistyped
 * {@code endpoint_url} or a stand-in that is not running wait in silence. The probe is a single plain HTTP
 * request with short timeouts: any HTTP answer, whatever its status, means something is there; no answer is
 * a one-line error at once. The clients' own retries stay as they are.
 */
final class EndpointProbe {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final Duration connectTimeout;
    private final Duration answerTimeout;

    EndpointProbe(Duration connectTimeout, Duration answerTimeout) {
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
        this.answerTimeout = requireNonNull(answerTimeout, "answerTimeout is null");
    }

    /** The EMR Serverless endpoint these options talk to: the override, or AWS's regional endpoint. */
    static URI endpointOf(EmrOptions options) {
        return options.endpointUrl() != null ? options.endpointUrl()
                : URI.create("https://emr-serverless." + options.region() + ".amazonaws.com/");
    }

    /**
     * Whether to probe: not through a proxy, where the SDK goes through the proxy (it reads the same
     * settings) and a direct connection proves nothing.
     */
    static boolean applies(Map<String, String> environment) {
        for (String name : new String[] {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"}) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return false;
            }
        }
        return System.getProperty("https.proxyHost") == null && System.getProperty("http.proxyHost") == null;
    }

    /** Returns when the endpoint answers anything; otherwise a one-line {@link BenchboxException}. */
    void check(URI endpoint) {
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) endpoint.toURL().openConnection();
        } catch (IOException | IllegalArgumentException e) {
            throw unreachable(endpoint, e.getMessage(), e);
        }
        connection.setConnectTimeout((int) connectTimeout.toMillis());
        connection.setReadTimeout((int) answerTimeout.toMillis());
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        try {
            try {
                connection.connect();
            } catch (SocketTimeoutException e) {
                throw unreachable(endpoint, "no connection within " + seconds(connectTimeout), e);
            }
            try {
                connection.getResponseCode();
            } catch (SocketTimeoutException e) {
                throw unreachable(endpoint, "connected, but no answer within " + seconds(answerTimeout), e);
            }
            InputStream body = connection.getErrorStream();
            if (body != null) {
                body.close();
            }
        } catch (UnknownHostException e) {
            throw unreachable(endpoint, "unknown host " + endpoint.getHost(), e);
        } catch (ConnectException e) {
            throw unreachable(endpoint, "connection refused", e);
        } catch (IOException e) {
            throw unreachable(endpoint, e.getMessage(), e);
        } finally {
            connection.disconnect();
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s"
                : String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static BenchboxException unreachable(URI endpoint, String why, Exception cause) {
        return new BenchboxException("cannot reach " + dev.benchbox.Redaction.url(endpoint) + ": " + why + " (check endpoint_url and the network)", cause);
    }
}
