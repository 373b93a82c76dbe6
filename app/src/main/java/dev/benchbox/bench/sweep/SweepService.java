package dev.benchbox.bench.sweep;

import dev.benchbox.dataset.Scale;
import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.bench.PowerRunRequest;
import dev.benchbox.bench.PowerRunService;
import dev.benchbox.cost.BillingProfile;
import dev.benchbox.cost.CostEstimate;
import dev.benchbox.cost.CostEstimator;
import dev.benchbox.cost.Usd;
import dev.benchbox.platform.ConfigurationSweeps;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.Platform;
import dev.benchbox.results.RunResult;
import dev.benchbox.results.compare.CompareService;
import dev.benchbox.results.compare.Comparison;
import dev.benchbox.results.compare.ResultFiles;
import dev.benchbox.results.report.Frontier;
import dev.benchbox.results.report.ReportService;
import dev.benchbox.session.Session;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Sweeps: one benchmark run per combination of configuration values on the connected platform. Plans first (every
 * configuration, priced, nothing started), then runs them deployment by deployment (an application created for a
 * release or architecture is deleted when its configurations are done, or on failure or Ctrl-C), writes each
 * configuration's results file, and ends with the comparison, the report and the price-performance frontier.
 * A sweep's directory is named after what it runs, so running the same sweep again resumes it: configurations
 * whose results file is there are skipped.
 */
@Service
public class SweepService {
    /** The report's name in the sweep's directory. */
    public static final String REPORT = "report.html";

    private final Session session;
    private final PowerRunService runs;
    private final Path resultsDirectory;
    private final ResultFiles files = new ResultFiles();

    public SweepService(Session session, PowerRunService runs, @Value("${benchbox.results-dir:benchbox-results}") Path resultsDirectory) {
        this.session = requireNonNull(session, "session is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.resultsDirectory = requireNonNull(resultsDirectory, "resultsDirectory is null");
    }

    /** Told how a sweep goes, for live output; also hears each run as {@link PowerRunService.Listener}. */
    public interface Listener extends PowerRunService.Listener {
        /** A configuration whose results exist is not run again. */
        void skipped(SweepPlan.Configuration configuration);

        /** A deployment is ready (created, or the connected one). */
        void deployed(String description);

        /** A created deployment was removed. */
        void removed(String description);

        /** A created deployment could not be removed: the user has to, it may cost money. */
        void notRemoved(String description, String message);

        void starting(SweepPlan.Configuration configuration);

        void finished(SweepPlan.Configuration configuration, RunResult result);

        void failed(SweepPlan.Configuration configuration, String message);
    }

    /** A configuration that did not produce results, and why. */
    public record Failure(SweepPlan.Configuration configuration, String message) {
    }

    /**
     * What the sweep produced.
     *
     * @param files the results files of every configuration that has one, in plan order
     * @param comparison the configurations side by side (the first as baseline); null with fewer than two results
     * @param report the HTML report; null without results
     * @param frontier labels of the configurations no other beats on both time and billed cost, cheapest first
     * @param failures configurations without results
     * @param withFailedQueries labels of configurations that ran with failed or erroneous queries
     */
    public record Outcome(SweepPlan plan, List<Path> files, Comparison comparison, Path report, List<String> frontier,
            List<Failure> failures, List<String> withFailedQueries) {
        public Outcome {
            files = List.copyOf(files);
            frontier = List.copyOf(frontier);
            failures = List.copyOf(failures);
            withFailedQueries = List.copyOf(withFailedQueries);
        }
    }

    /**
     * Every configuration in run order with its estimate; nothing starts and nothing is sent anywhere.
     *
     * @throws BenchboxException (one line) for a dimension or value the platform does not take
     */
    public SweepPlan plan(PowerRunRequest request, SweepSpec typed) {
        Platform platform = session.platform();
        ConfigurationSweeps sweeps = sweeps(platform);
        SweepSpec spec = typed.checkedBy(sweeps.dimensions());
        Path directory = resultsDirectory.resolve(directoryName(platform.name(), request, spec));

        // configurations sharing a deployment run one after another, so each application is created once
        Map<Map<String, String>, List<Map<String, String>>> byDeployment = new LinkedHashMap<>();
        for (Map<String, String> combination : spec.combinations()) {
            byDeployment.computeIfAbsent(sweeps.dimensions().deploymentSettings(combination), k -> new ArrayList<>()).add(combination);
        }
        CostEstimator estimator = null;
        List<String> assumptions = List.of();
        List<SweepPlan.Configuration> configurations = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        int number = 0;
        int powerRuns = (request.warmups() + request.iterations()) * request.streams();
        for (Map.Entry<Map<String, String>, List<Map<String, String>>> group : byDeployment.entrySet()) {
            for (Map<String, String> settings : group.getValue()) {
                number++;
                String label = uniqueLabel(label(settings), labels, number);
                Path file = directory.resolve(label + ".json");
                boolean done = hasResults(file);
                BigDecimal usd = null;
                Optional<BillingProfile> billing = sweeps.billingProfile(settings);
                if (billing.isPresent()) {
                    estimator = estimator == null ? CostEstimator.load(request.benchmark().costEstimates(), request.benchmark().title()) : estimator;
                    CostEstimate estimate = estimator.estimate(request.scaleFactor(), powerRuns, billing.get().capacity(),
                            billing.get().region(), billing.get().architecture());
                    usd = estimate.usd();
                    assumptions = estimate.assumptions();
                }
                configurations.add(new SweepPlan.Configuration(number, label, settings, group.getKey(), file, done, usd));
            }
        }
        return new SweepPlan(request, platform.name(), spec, directory, sweeps.dimensions().deploymentNoun(), configurations,
                assumptions);
    }

    /** Refuses a sweep whose estimate (for what is still to run) exceeds {@code --max-cost}; nothing has started. */
    public static void checkMaxCost(SweepPlan plan, BigDecimal maxUsd) {
        if (maxUsd == null || plan.estimateUsd() == null) {
            return;
        }
        if (plan.estimateUsd().compareTo(maxUsd) > 0) {
            throw new BenchboxException("estimated cost " + Usd.estimate(plan.estimateUsd()) + " of the sweep's "
                    + plan.toRun().size() + " configurations exceeds --max-cost " + Usd.limit(maxUsd) + ": not started");
        }
    }

    /**
     * Runs every configuration still to run, then compares all the sweep's results and writes the report. A
     * configuration that fails is noted and the sweep goes on; Ctrl-C stops it (removing what it created) and
     * running the same sweep again resumes it.
     */
    public Outcome run(SweepPlan plan, LoadProgress progress, Listener listener) {
        return run(plan, progress, listener, null);
    }

    /**
     * {@link #run(SweepPlan, LoadProgress, Listener)} within {@code --max-cost}: one limit across the whole sweep. Before
     * each configuration, what the sweep's job runs were billed so far leaves what is left of the limit; a configuration
     * whose estimate exceeds that is not started, and while one runs the limit left holds over it (its job runs are
     * cancelled once their projected cost passes it). Either stops the sweep; the configurations that finished keep
     * their results, and running the same command again (with a higher limit) resumes.
     *
     * @param maxUsd the limit; null: none
     */
    public Outcome run(SweepPlan plan, LoadProgress progress, Listener listener, BigDecimal maxUsd) {
        Set<String> before = new HashSet<>();
        session.jobRuns().forEach(run -> before.add(run.jobRunId()));
        Platform platform = session.platform();
        ConfigurationSweeps sweeps = sweeps(platform);
        String schema = session.schema();
        try {
            Files.createDirectories(plan.directory());
        } catch (IOException e) {
            throw new BenchboxException("cannot create the sweep's directory " + plan.directory() + ": " + e.getMessage(), e);
        }
        Map<Map<String, String>, List<SweepPlan.Configuration>> groups = new LinkedHashMap<>();
        for (SweepPlan.Configuration configuration : plan.configurations()) {
            if (configuration.done()) {
                listener.skipped(configuration);
            } else {
                groups.computeIfAbsent(configuration.deployment(), k -> new ArrayList<>()).add(configuration);
            }
        }
        List<Failure> failures = new ArrayList<>();
        List<String> withFailedQueries = new ArrayList<>();
        for (Map.Entry<Map<String, String>, List<SweepPlan.Configuration>> group : groups.entrySet()) {
            stopIfInterrupted(plan);
            ConfigurationSweeps.Deployment deployment;
            try {
                deployment = sweeps.deploy(group.getKey());
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted(plan, e);
                }
                group.getValue().forEach(c -> {
                    failures.add(new Failure(c, e.getMessage()));
                    listener.failed(c, e.getMessage());
                });
                continue;
            }
            try {
                listener.deployed(deployment.description());
                for (SweepPlan.Configuration configuration : group.getValue()) {
                    stopIfInterrupted(plan);
                    BigDecimal left = maxUsd == null ? null : maxUsd.subtract(billedSince(before));
                    if (left != null && configuration.estimateUsd() != null && configuration.estimateUsd().compareTo(left) > 0) {
                        throw overBudget(plan, "the estimate " + Usd.estimate(configuration.estimateUsd()) + " of " + configuration.label()
                                + " exceeds the " + Usd.cost(left.max(BigDecimal.ZERO)) + " --max-cost " + Usd.limit(maxUsd) + " leaves after "
                                + Usd.cost(billedSince(before)) + " billed", null);
                    }
                    listener.starting(configuration);
                    Platform configured = null;
                    dev.benchbox.platform.SpendingCap.Scope cap = dev.benchbox.platform.SpendingCap.Scope.NONE;
                    try {
                        configured = deployment.configure(configuration.settings());
                        PowerRunService.Report report;
                        cap = dev.benchbox.platform.SpendingCap.over(configured, left);
                        try (var held = cap) {
                            report = runs.run(configured, schema, plan.request(), progress, listener);
                        }
                        move(report.file(), configuration.file());
                        RunResult.Summary summary = report.result().summary();
                        if (summary.failed() + summary.errors() > 0) {
                            withFailedQueries.add(configuration.label());
                        }
                        listener.finished(configuration, report.result());
                    } catch (RuntimeException e) {
                        if (Thread.currentThread().isInterrupted()) {
                            throw interrupted(plan, e);
                        }
                        if (cap.passed()) { // the limit left passed: its work was cancelled
                            throw overBudget(plan, e.getMessage() + (e instanceof PowerRunService.Cancelled cancelled
                                    ? " (what " + configuration.label() + " finished: " + cancelled.report().file() + ")" : ""), e);
                        }
                        failures.add(new Failure(configuration, e.getMessage()));
                        listener.failed(configuration, e.getMessage());
                    } finally {
                        // what a configured view ran is billed to this session too: cost lists it
                        if (configured != null && configured != platform) {
                            session.recordJobRuns(configured.jobRuns());
                        }
                    }
                }
            } finally {
                // also on Ctrl-C: an application created for the sweep never outlives it
                try {
                    deployment.close();
                    if (deployment.created()) {
                        listener.removed(deployment.description());
                    }
                } catch (RuntimeException e) {
                    listener.notRemoved(deployment.description(), e.getMessage());
                }
            }
        }
        return conclude(plan, failures, withFailedQueries);
    }

    /** Compares what the sweep's directory holds, writes the report and finds the frontier from the billed figures. */
    private Outcome conclude(SweepPlan plan, List<Failure> failures, List<String> withFailedQueries) {
        List<Path> results = plan.configurations().stream().map(SweepPlan.Configuration::file).filter(SweepService::hasResults).toList();
        Comparison comparison = null;
        Path report = null;
        List<String> frontier = List.of();
        if (results.size() >= 2) {
            comparison = new CompareService().compare(results, null, null, false);
            List<Frontier.Point> points = new ArrayList<>();
            for (Comparison.RunColumn run : comparison.runs()) {
                if (run.billedUsd() != null && run.geometricMeanMs() != null) {
                    points.add(new Frontier.Point(run.label(), run.geometricMeanMs(), run.billedUsd().doubleValue()));
                }
            }
            frontier = Frontier.of(points);
        }
        if (!results.isEmpty()) {
            report = plan.directory().resolve(REPORT);
            // the sweep's own directory, named by the shell: its report is rewritten as the sweep resumes
            new ReportService().write(results, report, false, true);
        }
        return new Outcome(plan, results, comparison, report, frontier, failures, withFailedQueries);
    }

    private static ConfigurationSweeps sweeps(Platform platform) {
        return platform.sweeps().orElseThrow(() -> new BenchboxException(platform.name() + " has no settings a sweep can vary"));
    }


    /** A results file that reads as one: a half-written or foreign file does not count, so its configuration runs again. */
    private static boolean hasResults(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            new ResultFiles().read(file);
            return true;
        } catch (BenchboxException e) {
            return false;
        }
    }

    /**
     * A configuration's results take its name in the sweep's own directory, replacing only what the plan found
     * there unreadable as results (an interrupted write): a rename replaces a link, it never follows one.
     */
    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BenchboxException("cannot move results " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static void stopIfInterrupted(SweepPlan plan) {
        if (Thread.currentThread().isInterrupted()) {
            throw interrupted(plan, null);
        }
    }

    private static BenchboxException interrupted(SweepPlan plan, RuntimeException cause) {
        long done = plan.configurations().stream().filter(c -> hasResults(c.file())).count();
        return new BenchboxException("sweep interrupted: " + done + " of " + plan.configurations().size()
                + " configurations have results in " + plan.directory() + "; run the same command again to resume", cause);
    }

    /** What the session's job runs since the sweep began were billed (each once, however many ledgers list it). */
    private BigDecimal billedSince(Set<String> before) {
        dev.benchbox.cost.CostCalculator calculator = new dev.benchbox.cost.CostCalculator(dev.benchbox.cost.PricingTable.load());
        Map<String, BigDecimal> billed = new LinkedHashMap<>();
        session.jobRuns().stream().filter(run -> !before.contains(run.jobRunId()))
                .forEach(run -> billed.putIfAbsent(run.jobRunId(), calculator.cost(run).billed().total()));
        return billed.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BenchboxException overBudget(SweepPlan plan, String why, RuntimeException cause) {
        long done = plan.configurations().stream().filter(c -> hasResults(c.file())).count();
        return new BenchboxException("sweep stopped by --max-cost: " + why + "; " + done + " of " + plan.configurations().size()
                + " configurations have results in " + plan.directory() + "; run the same command again to resume (with a higher --max-cost)",
                cause);
    }

    /** A configuration's label: {@code executors-8x4vCPU-16GB_architecture-arm64}, safe as a file name. */
    static String label(Map<String, String> settings) {
        StringBuilder s = new StringBuilder();
        settings.forEach((k, v) -> s.append(s.isEmpty() ? "" : "_").append(k).append('-').append(v));
        return s.toString().replaceAll("[^A-Za-z0-9._-]", "-");
    }

    private static String uniqueLabel(String label, Set<String> taken, int number) {
        String unique = taken.contains(label) ? label + "-" + number : label;
        taken.add(unique);
        return unique;
    }

    /**
     * {@code sweep_tpch_sf0.01_duckdb_1a2b3c4d}: named after everything that makes the sweep what it is (platform,
     * benchmark, scale, queries, iterations, validation, dimensions and values), so the same sweep finds its results
     * again and a different one never takes them for its own.
     */
    static String directoryName(String platform, PowerRunRequest request, SweepSpec spec) {
        String identity = String.join("\n", platform, request.benchmark().name(), Scale.of(request.scaleFactor()).text(), request.queries().toString(),
                Integer.toString(request.warmups()), Integer.toString(request.iterations()), Integer.toString(request.streams()),
                request.validation().name(), spec.dimensions().toString());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return "sweep_" + request.benchmark().name() + "_sf" + Scale.of(request.scaleFactor()).text() + "_" + platform.toLowerCase(Locale.ROOT) + "_"
                    + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
