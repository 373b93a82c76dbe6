package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.benchbox.BenchboxException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one quick look at an endpoint before connecting: any HTTP answer passes, silence is one line at once. */
class EndpointProbeTest {
    private final EndpointProbe probe = new EndpointProbe(Duration.ofMillis(500), Duration.ofMillis(300));

    @Test
    void anyHttpAnswerPassesWhateverItsStatus() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(403, -1); // what AWS answers an unsigned request
            exchange.close();
        });
        server.start();
        try {
            // generous timeouts: a busy machine must not make a passing probe fail
            EndpointProbe patient = new EndpointProbe(Duration.ofSeconds(10), Duration.ofSeconds(30));
            assertThatCode(() -> patient.check(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))).doesNotThrowAnyException();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void nothingListeningIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        assertThatThrownBy(() -> probe.check(endpoint)).isInstanceOf(BenchboxException.class)
                .hasMessage("cannot reach " + endpoint + ": connection refused (check endpoint_url and the network)");
    }

    @Test
    void aServerThatAcceptsButNeverAnswersFailsAfterTheAnswerTimeout() throws Exception {
        java.util.concurrent.CountDownLatch testOver = new java.util.concurrent.CountDownLatch(1);
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    testOver.await(); // holds the connection open, never answering
                } catch (Exception e) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            URI endpoint = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            assertThatThrownBy(() -> probe.check(endpoint)).isInstanceOf(BenchboxException.class)
                    .hasMessage("cannot reach " + endpoint + ": connected, but no answer within 0.3 s (check endpoint_url and the network)");
        } finally {
            testOver.countDown();
        }
    }

    @Test
    void aProxyInTheEnvironmentSkipsTheProbe() {
        assertThat(EndpointProbe.applies(Map.of())).isTrue();
        assertThat(EndpointProbe.applies(Map.of("HTTPS_PROXY", "http://proxy:3128"))).isFalse();
        assertThat(EndpointProbe.applies(Map.of("http_proxy", "http://proxy:3128"))).isFalse();
        assertThat(EndpointProbe.applies(Map.of("HTTPS_PROXY", " "))).isTrue();
    }

    @Test
    void theEndpointIsTheOverrideOrAwsRegionalOne() {
        EmrOptions aws = EmrOptions.resolve(Map.of("s3_staging_dir", "s3://bucket-a/p/", "execution_role_arn",
                "arn:aws:iam::123456789012:role/r", "create_application", "true", "region", "eu-west-1"), Map.of(), false);
        assertThat(EndpointProbe.endpointOf(aws)).isEqualTo(URI.create("https://emr-serverless.eu-west-1.amazonaws.com/"));
    }
}
