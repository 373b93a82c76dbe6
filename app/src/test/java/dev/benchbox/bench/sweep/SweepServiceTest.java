package dev.benchbox.bench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.bench.PowerRunRequest;
import dev.benchbox.bench.PowerRunService;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.duckdb.DuckDbPlatform;
import dev.benchbox.results.QueryResult;
import dev.benchbox.results.RunResult;
import dev.benchbox.session.Session;
import dev.benchbox.tpch.ValidationMode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep service on DuckDB, driven directly: Ctrl-C between configurations, then the same sweep resumed. */
class SweepServiceTest {
    @TempDir
    Path dir;

    private final Session session = new Session();
    private SweepService sweeps;

    @BeforeEach
    void connect() {
        session.connect(DuckDbPlatform.open(null));
        sweeps = new SweepService(session, new PowerRunService(session, dir), dir);
    }

    @AfterEach
    void disconnect() {
        Thread.interrupted();
        session.disconnect();
    }

    private static final PowerRunRequest REQUEST = new PowerRunRequest(0.01, List.of(6), 0, 1, ValidationMode.EXACT);

    @Test
    void ctrlCBetweenConfigurationsStopsTheSweepRestoresTheSettingsAndTheSameSweepThenResumesWhereItStopped() {
        String threadsBefore = session.platform().configuration().settings().get("threads");
        SweepSpec spec = SweepSpec.parse(List.of("threads=1,2"));
        SweepPlan plan = sweeps.plan(REQUEST, spec);
        assertThat(plan.toRun()).hasSize(2);
        assertThat(plan.estimateUsd()).isNull();
        // nothing to bound on a platform that costs nothing per run
        SweepService.checkMaxCost(plan, BigDecimal.ZERO);

        Events first = new Events(true);
        assertThatThrownBy(() -> sweeps.run(plan, LoadProgress.NONE, first)).isInstanceOf(BenchboxException.class)
                .hasMessage("sweep interrupted: 1 of 2 configurations have results in " + plan.directory()
                        + "; run the same command again to resume");
        Thread.interrupted();
        assertThat(first.events).containsExactly("started threads=1", "finished threads=1");
        assertThat(session.platform().configuration().settings().get("threads")).isEqualTo(threadsBefore);
        assertThat(Files.exists(plan.directory().resolve("threads-1.json"))).isTrue();
        assertThat(Files.exists(plan.directory().resolve("threads-2.json"))).isFalse();

        SweepPlan resumed = sweeps.plan(REQUEST, spec);
        assertThat(resumed.directory()).isEqualTo(plan.directory());
        assertThat(resumed.configurations()).extracting(SweepPlan.Configuration::done).containsExactly(true, false);
        Events second = new Events(false);
        SweepService.Outcome outcome = sweeps.run(resumed, LoadProgress.NONE, second);

        assertThat(second.events).containsExactly("skipped threads=1", "started threads=2", "finished threads=2");
        assertThat(outcome.files()).containsExactly(plan.directory().resolve("threads-1.json"), plan.directory().resolve("threads-2.json"));
        assertThat(outcome.comparison().runs()).extracting(r -> r.label()).containsExactly("threads-1", "threads-2");
        assertThat(outcome.frontier()).isEmpty();
        assertThat(outcome.report()).isEqualTo(plan.directory().resolve(SweepService.REPORT)).exists();
        assertThat(outcome.failures()).isEmpty();
        // the per-configuration results files are the only ones: nothing stays behind in the results directory
        assertThat(dir.toFile().list((d, name) -> name.endsWith(".json"))).isEmpty();
    }

    @Test
    void aDifferentSweepGetsADirectoryOfItsOwn() {
        SweepPlan one = sweeps.plan(REQUEST, SweepSpec.parse(List.of("threads=1,2")));
        SweepPlan other = sweeps.plan(REQUEST, SweepSpec.parse(List.of("threads=1,2", "memory_limit=1GB")));
        assertThat(other.directory()).isNotEqualTo(one.directory());
        assertThat(other.configurations()).extracting(SweepPlan.Configuration::settings)
                .containsExactly(Map.of("threads", "1", "memory_limit", "1GB"), Map.of("threads", "2", "memory_limit", "1GB"));
    }

    /** Records what the sweep said; optionally presses Ctrl-C as the first configuration finishes. */
    private static final class Events implements SweepService.Listener {
        final List<String> events = new ArrayList<>();
        private final boolean interruptAfterFirst;

        Events(boolean interruptAfterFirst) {
            this.interruptAfterFirst = interruptAfterFirst;
        }

        @Override
        public void skipped(SweepPlan.Configuration configuration) {
            events.add("skipped " + configuration.describe());
        }

        @Override
        public void deployed(String description) {
        }

        @Override
        public void removed(String description) {
            events.add("removed " + description);
        }

        @Override
        public void notRemoved(String description, String message) {
            events.add("not removed " + description);
        }

        @Override
        public void starting(SweepPlan.Configuration configuration) {
            events.add("started " + configuration.describe());
        }

        @Override
        public void finished(SweepPlan.Configuration configuration, RunResult result) {
            events.add("finished " + configuration.describe());
            if (interruptAfterFirst) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void failed(SweepPlan.Configuration configuration, String message) {
            events.add("failed " + configuration.describe() + ": " + message);
        }

        @Override
        public void loading(double scaleFactor) {
        }

        @Override
        public void executed(QueryExecution execution) {
        }

        @Override
        public void validated(QueryResult result) {
        }
    }
}
