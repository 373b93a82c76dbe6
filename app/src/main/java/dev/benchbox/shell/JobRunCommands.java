package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.cost.JobRunUsage;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.SparkUi;
import dev.benchbox.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.shell.Availability;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellMethodAvailability;
import org.springframework.shell.standard.ShellOption;

/**
 * {@code job-runs}: this session's job runs, and a link to a job run's Spark UI, where the time inside a query shows
 * (stages, tasks, the plan). The link is asked of AWS when shown: it lets its holder in for about an hour.
 */
@ShellComponent
public class JobRunCommands {
    private final Session session;
    private final Console console;

    public JobRunCommands(Session session, Console console) {
        this.session = session;
        this.console = console;
    }

    @ShellMethod(key = "job-runs", value = "This session's job runs and a fresh link to the Spark UI of the last one (or of --id ID).",
            group = "EMR Serverless")
    public void jobRuns(@ShellOption(value = "--id", valueProvider = ValueChoices.JobRunIds.class, defaultValue = ShellOption.NULL, help = "a job run of the connected application") String id) {
        Platform platform = session.platform();
        SparkUi ui = platform.sparkUi().orElseThrow(() -> new BenchboxException("'job-runs' is not offered by the connected platform ("
                + platform.name() + "): it shows EMR Serverless job runs; connect emr-serverless for them"));
        List<JobRunUsage> runs = platform.jobRuns().stream().filter(r -> !r.kind().equals("session")).toList();
        if (id == null) {
            if (runs.isEmpty()) {
                console.println("No job runs in this session yet (give --id ID for another job run of the application)");
                return;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"Job run", "Kind", "State", "Name"});
            runs.forEach(r -> rows.add(new String[] {r.jobRunId(), r.kind(), r.state(), r.name()}));
            printAligned(rows);
            id = runs.get(runs.size() - 1).jobRunId();
        }
        console.println("Spark UI of " + id + " (valid for about an hour): " + ui.jobRun(id));
    }

    /** The open session's Spark UI as a status line, or why it cannot be shown; empty without a session's UI. */
    static String sessionUi(Platform platform) {
        Optional<SparkUi> ui = platform.sparkUi();
        if (ui.isEmpty()) {
            return "";
        }
        try {
            return ui.get().session().map(url -> System.lineSeparator() + "Spark UI:      " + url + " (valid for about an hour)").orElse("");
        } catch (RuntimeException e) { // a status line, not a failed status: the session's own state is shown above
            return System.lineSeparator() + "Spark UI:      not available: " + e.getMessage();
        }
    }

    private void printAligned(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ").append(row[i]).append(" ".repeat(widths[i] - row[i].length()));
            }
            console.println(line.toString().stripTrailing());
        }
    }

    @ShellMethodAvailability("job-runs")
    public Availability connected() {
        return session.isConnected() ? Availability.available()
                : Availability.unavailable("you are not connected (run 'connect emr-serverless ...' first)");
    }
}
