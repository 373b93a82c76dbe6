package dev.benchbox.cost;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.BenchboxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long a TPC-H power run is expected to take as one EMR Serverless job run, from the data file
 * {@value #RESOURCE}. An estimate, not a measurement; the model, documented in the file too:
 * <ul>
 *   <li>a job run is a fixed start-up (not shortened by more workers) plus query time;</li>
 *   <li>query time on the reference capacity is interpolated log-log between the file's points, held at the
 *       smallest point below it (start-up and per-query overheads dominate there) and grown in proportion to the
 *       scale factor above the largest;</li>
 *   <li>query time scales with the executors' vCPUs sub-linearly: × (reference vCPUs / vCPUs) ^ exponent.</li>
 * </ul>
 */
public final class TpchEstimates {

    /** Where the estimate table lives on the classpath. */
    public static final String RESOURCE = "/pricing/tpch-estimates.json";
    /** The TPC-DS power run's table, in the same form. */
    public static final String TPCDS_RESOURCE = "/pricing/tpcds-estimates.json";

    /** One point of the table: a scale factor and its power run's seconds on the reference capacity. */
    public record Point(double scale, double seconds) {
        public Point {
            if (!(scale > 0) || !(seconds > 0) || Double.isInfinite(scale) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("estimate point must be positive: SF " + scale + ", " + seconds + " s");
            }
        }
    }

    private final JobCapacity reference;
    private final double startupSeconds;
    private final double scalingExponent;
    private final List<Point> points;
    private final String note;

    /**
     * @param reference       the capacity the points were estimated for
     * @param startupSeconds  the part of every job run that is not query time
     * @param scalingExponent how query time follows executor vCPUs (1 = linear, 0 = not at all)
     * @param points          power-run seconds by scale factor, at least one, each longer than the start-up
     * @param note            what the figures are, shown with estimates
     */
    public TpchEstimates(JobCapacity reference, double startupSeconds, double scalingExponent, List<Point> points,
            String note) {
        this.reference = requireNonNull(reference, "reference is null");
        this.points = List.copyOf(points).stream().sorted((a, b) -> Double.compare(a.scale(), b.scale())).toList();
        this.note = requireNonNull(note, "note is null");
        if (reference.executorVCpus() == 0) {
            throw new IllegalArgumentException("reference capacity has no executors");
        }
        if (!(startupSeconds >= 0) || !(scalingExponent >= 0 && scalingExponent <= 1)) {
            throw new IllegalArgumentException("start-up must be >= 0 and the exponent in [0, 1]");
        }
        if (this.points.isEmpty() || this.points.stream().anyMatch(p -> p.seconds() <= startupSeconds)) {
            throw new IllegalArgumentException("need at least one point, each longer than the start-up");
        }
        this.startupSeconds = startupSeconds;
        this.scalingExponent = scalingExponent;
    }

    /** The table shipped with BenchBox. */
    public static TpchEstimates load() {
        return load(RESOURCE);
    }

    /** A table of the same form from the classpath: {@value #TPCDS_RESOURCE} holds TPC-DS's. */
    public static TpchEstimates load(String resource) {
        try (InputStream in = TpchEstimates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** A table in the format of {@value #RESOURCE}. */
    public static TpchEstimates read(InputStream json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(requireNonNull(json, "json is null"));
        JsonNode capacity = root.path("reference_capacity");
        List<Point> points = new ArrayList<>();
        for (JsonNode point : root.path("power_run_seconds")) {
            points.add(new Point(point.path("scale").asDouble(), point.path("seconds").asDouble()));
        }
        return new TpchEstimates(
                new JobCapacity(worker(capacity.path("driver")), capacity.path("executors").asInt(),
                        worker(capacity.path("executor"))),
                root.path("startup_seconds").asDouble(), root.path("executor_scaling_exponent").asDouble(),
                points, root.path("note").asText(""));
    }

    /** How long {@code powerRuns} power runs at {@code scaleFactor} take as one job run on {@code capacity}. */
    public Duration jobDuration(double scaleFactor, int powerRuns, JobCapacity capacity) {
        double seconds = startupSeconds + powerRuns * querySeconds(scaleFactor, capacity);
        // Whole seconds, rounded up: AWS bills per second, and an estimate should not come out low.
        return Duration.ofSeconds((long) Math.ceil(seconds - 1e-9));
    }

    /** Query time of one power run on {@code capacity}, in seconds, start-up excluded. */
    public double querySeconds(double scaleFactor, JobCapacity capacity) {
        requireNonNull(capacity, "capacity is null");
        if (!(scaleFactor > 0) || Double.isInfinite(scaleFactor)) {
            throw new BenchboxException("scale factor must be a positive number, not " + scaleFactor);
        }
        if (capacity.executorVCpus() == 0) {
            throw new BenchboxException("an estimate needs at least one executor");
        }
        return referenceQuerySeconds(scaleFactor) * executorFactor(capacity);
    }

    /** × this on query time for {@code capacity} compared with the reference; 1 for the reference itself. */
    public double executorFactor(JobCapacity capacity) {
        if (capacity.executorVCpus() == reference.executorVCpus()) {
            return 1; // exact, whatever pow would make of it
        }
        return Math.pow((double) reference.executorVCpus() / capacity.executorVCpus(), scalingExponent);
    }

    private double referenceQuerySeconds(double scale) {
        Point first = points.get(0);
        if (scale <= first.scale()) {
            return first.seconds() - startupSeconds;
        }
        Point last = points.get(points.size() - 1);
        if (scale >= last.scale()) {
            return (last.seconds() - startupSeconds) * (scale / last.scale());
        }
        for (int i = 1; i < points.size(); i++) {
            Point hi = points.get(i);
            if (scale <= hi.scale()) {
                Point lo = points.get(i - 1);
                double loWork = lo.seconds() - startupSeconds;
                double hiWork = hi.seconds() - startupSeconds;
                if (scale == hi.scale()) {
                    return hiWork;
                }
                double t = Math.log(scale / lo.scale()) / Math.log(hi.scale() / lo.scale());
                return loWork * Math.pow(hiWork / loWork, t);
            }
        }
        throw new AssertionError("unreachable: scale " + scale + " within the table");
    }

    public JobCapacity reference() {
        return reference;
    }

    public double startupSeconds() {
        return startupSeconds;
    }

    public double scalingExponent() {
        return scalingExponent;
    }

    public List<Point> points() {
        return points;
    }

    public String note() {
        return note;
    }

    private static WorkerSize worker(JsonNode node) {
        return new WorkerSize(node.path("vcpu").asInt(), node.path("memory_gb").asInt(), node.path("disk_gb").asInt());
    }
}
