package dev.benchbox.standin;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Fault injection knobs, all one-shot counters so a test states exactly which calls fail:
 * throttle the next N calls of a service (ThrottlingException, HTTP 429; S3: SlowDown, 503),
 * answer 500 to the next N calls, refuse the next call of an operation (ValidationException, as AWS refuses a
 * request it cannot apply), fail the next job runs with given stateDetails.
 * Stopping an application now is {@link AwsStandIn#stopApplicationNow(String)}. One knob is a state, not a counter:
 * {@link #stall()} makes the endpoint a stopped process until {@link #resume()}.
 */
public final class Faults {

    private final Map<Service, AtomicInteger> throttled = new ConcurrentHashMap<>();
    private final Map<Service, AtomicInteger> serverErrors = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> jobFailures = new ConcurrentLinkedQueue<>();
    private final Map<Service, AtomicInteger> injected = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Integer> killsAfterParts = new ConcurrentLinkedQueue<>();
    private final Map<String, ConcurrentLinkedQueue<String>> refusals = new ConcurrentHashMap<>();
    private final Object stallLock = new Object();
    private boolean stalled;
    private final AtomicInteger stalledRequests = new AtomicInteger();

    /**
     * From now on the endpoint accepts every connection and request and never answers, as a SIGSTOPped process
     * would, until {@link #resume()} (or {@link #reset()}); requests held meanwhile are then served.
     */
    public Faults stall() {
        synchronized (stallLock) {
            stalled = true;
        }
        return this;
    }

    /** Ends {@link #stall()}. */
    public Faults resume() {
        synchronized (stallLock) {
            stalled = false;
            stallLock.notifyAll();
        }
        return this;
    }

    /** Requests that arrived while the endpoint was stalled: proof a client really waited on it. */
    public int stalledRequests() {
        return stalledRequests.get();
    }

    /** The next {@code calls} calls to {@code service} are throttled. */
    public Faults throttleNext(Service service, int calls) {
        counter(throttled, service).addAndGet(calls);
        return this;
    }

    /** The next {@code calls} calls to {@code service} get an internal server error (HTTP 500). */
    public Faults serverErrorNext(Service service, int calls) {
        counter(serverErrors, service).addAndGet(calls);
        return this;
    }

    /**
     * The next call of {@code operation} (e.g. {@code UpdateApplication}) that passes the model's checks is refused with
     * a ValidationException saying {@code message}, and changes nothing: for what AWS refuses beyond the model.
     */
    public Faults refuseNext(String operation, String message) {
        refusals.computeIfAbsent(requireNonNull(operation, "operation is null"), o -> new ConcurrentLinkedQueue<>())
                .add(requireNonNull(message, "message is null"));
        return this;
    }

    /** The next job run that reaches RUNNING ends FAILED with {@code stateDetails}, without running. */
    public Faults failNextJob(String stateDetails) {
        jobFailures.add(requireNonNull(stateDetails, "stateDetails is null"));
        return this;
    }

    /**
     * The next job run that runs for real is killed (its driver JVM, as a lost driver) as soon as {@code parts}
     * data generation parts have been committed (completion markers written under {@code _parts/}) since it
     * started; the run ends FAILED. For testing that a load resumes.
     */
    public Faults killNextJobAfterCommittedParts(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1: " + parts);
        }
        killsAfterParts.add(parts);
        return this;
    }

    /** Throttles and server errors answered so far to calls of {@code service}: proof a fault was really served. */
    public int injected(Service service) {
        AtomicInteger c = injected.get(service);
        return c == null ? 0 : c.get();
    }

    /** Clears every pending fault. */
    public void reset() {
        resume();
        throttled.clear();
        serverErrors.clear();
        jobFailures.clear();
        killsAfterParts.clear();
        refusals.clear();
    }

    Optional<String> takeRefusal(String operation) {
        ConcurrentLinkedQueue<String> queue = refusals.get(operation);
        return Optional.ofNullable(queue == null ? null : queue.poll());
    }

    /** Holds the calling request thread while the endpoint is stalled. */
    void holdWhileStalled() throws InterruptedException {
        synchronized (stallLock) {
            if (stalled) {
                stalledRequests.incrementAndGet();
            }
            while (stalled) {
                stallLock.wait();
            }
        }
    }

    Optional<Integer> takeKillAfterParts() {
        return Optional.ofNullable(killsAfterParts.poll());
    }

    boolean takeThrottle(Service service) {
        return take(throttled, service);
    }

    boolean takeServerError(Service service) {
        return take(serverErrors, service);
    }

    Optional<String> takeJobFailure() {
        return Optional.ofNullable(jobFailures.poll());
    }

    private static AtomicInteger counter(Map<Service, AtomicInteger> counters, Service service) {
        return counters.computeIfAbsent(requireNonNull(service, "service is null"), s -> new AtomicInteger());
    }

    private boolean take(Map<Service, AtomicInteger> counters, Service service) {
        AtomicInteger c = counters.get(service);
        boolean taken = c != null && c.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        if (taken) {
            counter(injected, service).incrementAndGet();
        }
        return taken;
    }
}
