package dev.benchbox.platform.emr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.JobExecutor;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The stand-in's slow job: it runs until it is cancelled (or released), and by the time it ends the first
 * {@code finished} measured executions of a run's manifest have their result files, named as the Spark job names them,
 * as a job that finished those queries before the cancel reached it leaves them. Counts the runs that are running.
 */
public final class SlowJob implements JobExecutor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Supplier<AwsStandIn> standIn;
    private final int finished;
    private final CountDownLatch release = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();

    public SlowJob(Supplier<AwsStandIn> standIn, int finished) {
        this.standIn = standIn;
        this.finished = finished;
    }

    /** Lets every run end successfully. */
    public void release() {
        release.countDown();
    }

    /** Job runs in the executor now. */
    public int running() {
        return running.get();
    }

    @Override
    public JobResult run(JobRequest request) throws Exception {
        running.incrementAndGet();
        try {
            release.await();
            return JobResult.success();
        } catch (InterruptedException cancelled) {
            return JobResult.failure("Job run was interrupted");
        } finally {
            Thread.interrupted(); // the results of what finished are written whatever stopped it
            writeFinished(request);
            running.decrementAndGet();
        }
    }

    private void writeFinished(JobRequest request) throws Exception {
        try (S3Client s3 = standIn.get().configure(S3Client.builder()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AwsStandIn.JOB_ACCESS_KEY, "job-secret")))
                .build()) {
            JsonNode manifest = JSON.readTree(get(s3, request.entryPointArguments().get(0)));
            if (!manifest.has("queries")) {
                return;
            }
            String output = manifest.path("output").asText();
            int written = 0;
            for (JsonNode query : manifest.path("queries")) {
                if (written++ == finished) {
                    return;
                }
                String id = query.path("id").asText();
                ObjectNode result = JSON.createObjectNode().put("id", id).put("iteration", 1).put("warmup", false).put("ms", 12.5).put("rows", 0);
                result.putArray("columns");
                result.putArray("data");
                put(s3, output + "results/" + id + "-1.json", result.toString());
            }
        }
    }

    private static byte[] get(S3Client s3, String uri) {
        URI u = URI.create(uri);
        return s3.getObjectAsBytes(b -> b.bucket(u.getHost()).key(u.getPath().substring(1))).asByteArray();
    }

    private static void put(S3Client s3, String uri, String json) {
        URI u = URI.create(uri);
        s3.putObject(b -> b.bucket(u.getHost()).key(u.getPath().substring(1)), RequestBody.fromString(json));
    }
}
