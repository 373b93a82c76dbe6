package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import dev.benchbox.platform.CostAllocation;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The tags of one connection's job runs and sessions: BenchBox's own ({@code created-by}), the user's {@code --tag}s and,
 * while a run's scope is open, the run's id, benchmark and scale. An application the connection created is tagged with
 * the run's when the run begins (TagResource); one it did not create is never retagged.
 */
final class EmrTagging implements CostAllocation {
    private final ResourceTags connection;
    private final BiConsumer<String, Map<String, String>> tagApplication;
    private final String applicationId;
    private final boolean ownsApplication;
    private volatile Map<String, String> run = Map.of();

    /**
     * @param tagApplication TagResource on an application (its id, the tags)
     * @param ownsApplication whether this connection created the application (only then is it retagged)
     */
    EmrTagging(ResourceTags user, String applicationId, boolean ownsApplication, BiConsumer<String, Map<String, String>> tagApplication) {
        this.connection = requireNonNull(user, "user is null").with(Map.of(ResourceTags.CREATED_BY, "benchbox"));
        this.applicationId = requireNonNull(applicationId, "applicationId is null");
        this.ownsApplication = ownsApplication;
        this.tagApplication = requireNonNull(tagApplication, "tagApplication is null");
    }

    /** A copy for a view on another application (a sweep's): the same tags and run, its own application. */
    EmrTagging view(String viewApplicationId, boolean ownsViewApplication) {
        EmrTagging view = new EmrTagging(connection, viewApplicationId, ownsViewApplication, tagApplication);
        view.run = run;
        return view;
    }

    @Override
    public Map<String, String> tags() {
        return connection.values();
    }

    /** What a job run or session started now carries. */
    Map<String, String> current() {
        return connection.with(run).values();
    }

    @Override
    public CostAllocation.Scope forRun(String runId, String benchmark, String scale) {
        Map<String, String> runTags = ResourceTags.forRun(runId, benchmark, scale);
        Map<String, String> before = run;
        run = runTags;
        if (ownsApplication) {
            tagApplication.accept(applicationId, runTags);
        }
        return () -> run = before;
    }
}
