package dev.benchbox.standin;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.SessionInfo;
import dev.benchbox.platform.emr.session.SessionApi;
import dev.benchbox.platform.emr.session.SignedSessionApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stand-in's EMR Serverless sessions through the shell's own REST client ({@link SignedSessionApi}, SigV4-signed,
 * every request checked against the AWS model): states, idempotency, release and enablement checks, endpoint tokens,
 * idle timeout, billing. The server behind a session is a plain loopback socket here; SessionIT runs real Spark Connect.
 */
@WithAwsStandIn
class SessionStandInTest {

    private AwsStandIn aws;
    private EmrServerlessClient emr;
    private SessionApi api;
    private final AtomicInteger launched = new AtomicInteger();

    /** A session "server": a socket on a free loopback port. */
    private final SessionLauncher sockets = launch -> {
        launched.incrementAndGet();
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        return new SessionLauncher.Server() {
            @Override
            public int port() {
                return socket.getLocalPort();
            }

            @Override
            public boolean alive() {
                return !socket.isClosed();
            }

            @Override
            public void stop() {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closed already
                }
            }
        };
    };

    @BeforeEach
    void start(AwsStandIn standIn) {
        aws = standIn;
        aws.sessions().launcher(sockets);
        emr = aws.emrServerlessClient();
        api = new SignedSessionApi(aws.endpoint(), AwsStandIn.REGION.id(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(AwsStandIn.ACCESS_KEY, AwsStandIn.SECRET_KEY)), Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        if (emr != null) {
            emr.close();
        }
        StandInSessions sessions = aws.sessions();
        aws.reset(aws.config()); // what closing did: stops the session servers
        assertThat(sessions.running()).as("no session server left running").isEmpty();
    }

    private String application(String release, boolean sessions) {
        String id = emr.createApplication(b -> b.name("bench").releaseLabel(release).type("SPARK")).applicationId();
        Await.value("CREATED", () -> emr.getApplication(b -> b.applicationId(id)).application().state(), s -> s == ApplicationState.CREATED);
        if (sessions) {
            api.enableSessions(id, "enable-" + id);
        }
        return id;
    }

    private SessionApi.StartRequest request(String appId, String token, long idleMinutes) {
        return new SessionApi.StartRequest(appId, token, AwsStandIn.EXECUTION_ROLE, "adhoc", idleMinutes, Map.of(), Map.of("created-by", "benchbox"));
    }

    private SessionInfo await(String appId, String sessionId, String state) {
        return Await.value("session " + state, () -> api.get(appId, sessionId).info(), i -> i.state().equals(state));
    }

    @Nested
    class StateMachine {
        @Test
        void startsThroughAwsStatesToIdleAndAutoStartsTheApplication() {
            String app = application("emr-7.13.0", true);
            assertThat(api.sessionsEnabled(app)).isTrue();
            String id = api.start(request(app, "t1", 30));
            SessionInfo idle = await(app, id, "IDLE");

            assertThat(aws.sessions().history(id)).containsExactly("SUBMITTED", "STARTING", "STARTED", "IDLE");
            assertThat(aws.applicationStates(app)).contains("STARTING", "STARTED");
            assertThat(idle.name()).isEqualTo("adhoc");
            assertThat(idle.releaseLabel()).isEqualTo("emr-7.13.0");
            assertThat(idle.idleTimeoutMinutes()).isEqualTo(30);
            assertThat(idle.startedAt()).isNotNull();
            assertThat(api.list(app, List.of("IDLE"))).extracting(SessionInfo::id).containsExactly(id);
            assertThat(api.list(app, List.of("TERMINATED"))).isEmpty();
        }

        @Test
        void getResourceDashboardGivesALinkTheStandInServesForAnExistingSessionOnly() throws Exception {
            String app = application("emr-7.13.0", true);
            String id = api.start(request(app, "t-ui", 30));
            await(app, id, "IDLE");

            String url = api.dashboard(app, id);
            assertThat(url).isEqualTo(aws.endpoint() + "/dashboard/" + app + "/sessions/" + id);
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(aws.requests()).filteredOn(r -> r.operation().equals("GetResourceDashboard")).singleElement()
                    .satisfies(r -> assertThat(r.input().path("resourceType").asText()).isEqualTo("SESSION"));
            assertThatThrownBy(() -> api.dashboard(app, "00nosuchsession")).isInstanceOf(BenchboxException.class)
                    .hasMessageContaining("ResourceNotFoundException");
        }

        @Test
        void sameClientTokenIsTheSameSessionAndAnotherRequestWithItConflicts() {
            String app = application("emr-7.13.0", true);
            String first = api.start(request(app, "token-1", 30));
            assertThat(api.start(request(app, "token-1", 30))).isEqualTo(first);
            assertThatThrownBy(() -> api.start(request(app, "token-1", 45)))
                    .isInstanceOf(BenchboxException.class).hasMessageContaining("StartSession").hasMessageContaining("ConflictException");
            await(app, first, "IDLE");
            assertThat(launched).hasValue(1);
        }

        @Test
        void terminateEndsItAndBillsEachWorkerAtLeastOneMinute() {
            String app = application("emr-7.13.0", true);
            String id = api.start(request(app, "t", 30));
            await(app, id, "IDLE");
            api.terminate(app, id);
            await(app, id, "TERMINATED");
            SessionApi.Described ended = api.get(app, id);

            assertThat(aws.sessions().history(id)).endsWith("TERMINATING", "TERMINATED");
            assertThat(ended.info().endedAt()).isNotNull();
            // EMR's default Spark sizing: a 4 vCPU / 16 GB driver and 3 such executors, each billed a minute
            assertThat(ended.billed().vCpuHour()).isEqualTo(0.267);
            assertThat(ended.billed().memoryGbHour()).isEqualTo(1.067);
            assertThat(ended.billed().storageGbHour()).isEqualTo(0.0);
            assertThat(ended.total().vCpuHour()).isLessThan(ended.billed().vCpuHour());
            assertThat(aws.sessions().running()).isEmpty();
        }

        @Test
        void idleTimeoutTerminatesAnUnusedSession() {
            String app = application("emr-7.13.0", true);
            String id = api.start(request(app, "t", 1)); // one stand-in "minute" = 200 ms
            SessionInfo ended = await(app, id, "TERMINATED");
            assertThat(ended.stateDetails()).isEqualTo("Session terminated after 1 idle minutes");
            assertThat(aws.sessions().history(id)).contains("IDLE");
        }

        @Test
        void aServerThatCannotStartFailsTheSession() {
            aws.sessions().launcher(launch -> {
                throw new IllegalStateException("driver out of memory");
            });
            String app = application("emr-7.13.0", true);
            String id = api.start(request(app, "t", 30));
            SessionInfo failed = await(app, id, "FAILED");
            assertThat(failed.stateDetails()).isEqualTo("Session failed to start: driver out of memory");
        }

        @Test
        void aServerThatDiesFailsTheSession() {
            String app = application("emr-7.13.0", true);
            String id = api.start(request(app, "t", 30));
            await(app, id, "IDLE");
            aws.sessions().killServer(id);
            assertThat(await(app, id, "FAILED").stateDetails()).isEqualTo("Session driver exited unexpectedly");
        }
    }

    @Nested
    class Refusals {
        @Test
        void releasesBefore713AreRefused() {
            String app = application("emr-7.12.0", true);
            assertThatThrownBy(() -> api.start(request(app, "t", 30))).isInstanceOf(BenchboxException.class)
                    .hasMessage("emr-serverless:StartSession (" + app + ") failed: ValidationException: Sessions are supported on release "
                            + "emr-7.13.0 and later; application " + app + " runs emr-7.12.0");
        }

        @Test
        void applicationsWithoutSessionsEnabledAreRefused() {
            String app = application("emr-7.13.0", false);
            assertThat(api.sessionsEnabled(app)).isFalse();
            assertThatThrownBy(() -> api.start(request(app, "t", 30))).hasMessageContaining("Sessions are not enabled for application " + app);
        }

        @Test
        void theModelRejectsAnIdleTimeoutOutOfRangeAndABadRole() {
            String app = application("emr-7.13.0", true);
            assertThatThrownBy(() -> api.start(new SessionApi.StartRequest(app, "t", "not-a-role", null, 30, Map.of(), Map.of())))
                    .hasMessageContaining("ValidationException").hasMessageContaining("executionRoleArn");
            assertThat(launched).hasValue(0);
        }

        @Test
        void unknownSessionsAreNotFound() {
            String app = application("emr-7.13.0", true);
            assertThatThrownBy(() -> api.get(app, "00nosuchsession0")).hasMessageContaining("ResourceNotFoundException");
        }

        @Test
        void noEndpointBeforeTheSessionStarted() {
            aws.sessions().launcher(launch -> {
                Thread.sleep(60_000);
                throw new IllegalStateException("never");
            });
            String app = application("emr-7.13.0", true);
            String id = api.start(request(app, "t", 30));
            await(app, id, "STARTING");
            assertThatThrownBy(() -> api.endpoint(app, id)).hasMessageContaining("is in STARTING state");
            api.terminate(app, id);
            await(app, id, "TERMINATED");
        }
    }

    @Test
    void everyEndpointCallIssuesAFreshShortLivedLoopbackToken() {
        aws.sessions().tokenLifetime(Duration.ofSeconds(3));
        String app = application("emr-7.13.0", true);
        String id = api.start(request(app, "t", 30));
        await(app, id, "IDLE");
        Instant before = Instant.now();
        SessionApi.Endpoint first = api.endpoint(app, id);
        SessionApi.Endpoint second = api.endpoint(app, id);

        assertThat(first.url()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(first.authToken()).isNotEqualTo(second.authToken());
        assertThat(first.expiresAt()).isBetween(before.plusSeconds(2), before.plusSeconds(4));
        assertThat(first.toString()).doesNotContain(first.authToken());
        assertThat(aws.requests()).extracting(RecordedRequest::operation)
                .contains("StartSession", "GetSession", "GetSessionEndpoint", "UpdateApplication", "GetApplication");
    }
}
