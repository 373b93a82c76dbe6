package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.files.AtomicFiles;
import dev.benchbox.platform.ApplicationInfo;
import dev.benchbox.platform.CapacityChange;
import dev.benchbox.platform.CapacityControl;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.RolePolicy;
import dev.benchbox.session.Session;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.shell.Availability;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellMethodAvailability;
import org.springframework.shell.standard.ShellOption;

/** {@code capacity} (show, set, start, stop) and {@code iam-policy}, for EMR Serverless. */
@ShellComponent
public class EmrCommands {
    static final String BILLING_NOTE = "Note: pre-initialised capacity is billed while the application is started, "
            + "whether or not a job runs; it stops after the idle timeout.";

    private final Session session;
    private final Console console;
    private final PlatformFactory platforms;
    private final OutputGuard outputs;

    public EmrCommands(Session session, Console console, PlatformFactory platforms, OutputGuard outputs) {
        this.session = session;
        this.console = console;
        this.platforms = platforms;
        this.outputs = outputs;
    }

    @ShellMethod(key = "capacity", value = "Show the EMR Serverless application: state, release, initial and maximum capacity, auto-start/stop.",
            group = "EMR Serverless")
    public String capacity() {
        return format(control("capacity").status());
    }

    @ShellMethod(key = "capacity set", value = "Change pre-initialised and maximum capacity: capacity set --driver 1x4vCPU-16GB "
            + "--executors 4x4vCPU-16GB [--max-cpu N --max-memory GB] (AWS only updates a stopped application: stop, update, start).",
            group = "EMR Serverless")
    public String capacitySet(
            @ShellOption(value = "--driver", defaultValue = ShellOption.NULL, help = "COUNTxSIZE, e.g. 1x4vCPU-16GB") String driver,
            @ShellOption(value = "--executors", defaultValue = ShellOption.NULL, help = "COUNTxSIZE, e.g. 4x4vCPU-16GB (disk: 4x4vCPU-16GB-50GB)") String executors,
            @ShellOption(value = "--max-cpu", defaultValue = ShellOption.NULL, help = "maximum vCPUs across all workers") Integer maxCpu,
            @ShellOption(value = "--max-memory", defaultValue = ShellOption.NULL, help = "maximum memory in GB across all workers") Integer maxMemory,
            @ShellOption(value = "--dry-run", valueProvider = PathCompletion.Folder.class, defaultValue = ShellOption.NULL, help = "write the requests to this directory instead") String dryRun,
            @ShellOption(value = "--replace", defaultValue = "false", help = "with --dry-run: replace an earlier dry run in that directory (its files only)") boolean replace) {
        // everything typed is checked before AWS is asked anything
        CapacityChange change = new CapacityChange(driver, executors, maxCpu, maxMemory);
        CapacityControl control = control("capacity set");
        control.check(change);
        if (dryRun != null) {
            Platform preview = DryRuns.previews(session.platform()).preview(Path.of(dryRun), replace);
            preview.capacity().orElseThrow().update(change);
            return DryRuns.summary(preview.dryRun().orElseThrow(), 0);
        }
        // said before the wait, as it will happen: only a started application is stopped and started again
        ApplicationInfo before = control.status();
        console.println("STARTED".equals(before.state())
                ? "AWS only updates a stopped application: stopping " + control.applicationId() + ", updating it, then starting it again"
                : "Updating application " + control.applicationId() + " (it is " + before.state() + " and stays so)");
        ApplicationInfo updated = control.update(change);
        StringBuilder out = new StringBuilder("Capacity updated").append(System.lineSeparator()).append(format(updated));
        return out.toString();
    }

    @ShellMethod(key = "capacity start", value = "Start the EMR Serverless application (and its pre-initialised capacity).", group = "EMR Serverless")
    public String capacityStart() {
        CapacityControl control = control("capacity start");
        ApplicationInfo app = control.start();
        return "Application " + control.applicationId() + " is " + app.state()
                + (app.hasPreInitializedCapacity() ? System.lineSeparator() + BILLING_NOTE : "");
    }

    @ShellMethod(key = "capacity stop", value = "Stop the EMR Serverless application (ends billing for pre-initialised capacity).", group = "EMR Serverless")
    public String capacityStop() {
        CapacityControl control = control("capacity stop");
        control.stop();
        return "Application " + control.applicationId() + " is STOPPED (a job run starts it again: auto-start)";
    }

    @ShellMethod(key = "iam-policy", value = "Print the least-privilege policies of the job runs' execution role (and its trust "
            + "relationship) and of the user running BenchBox: connected, for every database, data source and feature used so far.",
            group = "EMR Serverless")
    public String iamPolicy(
            @ShellOption(value = "--output", valueProvider = PathCompletion.AnyFile.class, defaultValue = ShellOption.NULL, help = "also write the two policies to FILE-policy.json and FILE-trust.json")
            String output,
            @ShellOption(value = "--s3-staging-dir", defaultValue = ShellOption.NULL, help = "without a connection: s3://bucket/prefix/") String staging,
            @ShellOption(value = "--database", defaultValue = ShellOption.NULL, help = "without a connection: Glue database") String database,
            @ShellOption(value = "--region", valueProvider = ValueChoices.Regions.class, defaultValue = ShellOption.NULL, help = "without a connection: region") String region,
            @ShellOption(value = "--execution-role-arn", defaultValue = ShellOption.NULL, help = "without a connection: the role (for its account)") String role,
            @ShellOption(value = "--force", defaultValue = "false", help = "replace existing --output files") boolean force) {
        // checked before anything is asked of AWS
        Path policyFile = output == null ? null : Path.of(output + "-policy.json");
        Path trustFile = output == null ? null : Path.of(output + "-trust.json");
        boolean replacePolicy = output != null && outputs.mayReplace(policyFile, List.of(), force);
        boolean replaceTrust = output != null && outputs.mayReplace(trustFile, List.of(), force);
        RolePolicy roles;
        if (session.isConnected() && staging == null && session.platform().rolePolicy().isPresent()) {
            roles = session.platform().rolePolicy().orElseThrow();
        } else {
            Map<String, String> options = new LinkedHashMap<>();
            putIfGiven(options, "s3_staging_dir", staging);
            putIfGiven(options, "database", database);
            putIfGiven(options, "region", region);
            putIfGiven(options, "execution_role_arn", role);
            roles = platforms.rolePolicy(options);
        }
        String policy = roles.permissions();
        String trust = roles.trust();
        String caller = roles.caller();
        if (output != null) {
            Path callerFile = Path.of(output + "-caller.json");
            boolean replaceCaller = caller != null && outputs.mayReplace(callerFile, List.of(), force);
            write(policyFile, policy, replacePolicy);
            write(trustFile, trust, replaceTrust);
            if (caller != null) {
                write(callerFile, caller, replaceCaller);
            }
        }
        return "# Permissions policy of the execution role" + System.lineSeparator() + policy
                + "# Trust relationship of the execution role" + System.lineSeparator() + trust
                + (caller == null ? "" : "# What the user running BenchBox needs for the shell's own calls (EMR Serverless, Glue, S3, "
                        + "passing the execution role)" + System.lineSeparator() + caller)
                + (output == null ? "" : "Written to " + output + "-policy.json and " + output + "-trust.json"
                        + (caller == null ? "" : " and " + output + "-caller.json"));
    }

    private static void write(Path file, String content, boolean mayReplace) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFiles.write(file, mayReplace, AtomicFiles.text(content));
        } catch (FileAlreadyExistsException e) {
            throw new BenchboxException("cannot write " + file + ": another file took that name meanwhile; it was kept");
        } catch (IOException e) {
            throw new BenchboxException("cannot write " + file + ": " + dev.benchbox.files.IoReasons.of(e), e);
        }
    }

    static String format(ApplicationInfo app) {
        List<String> lines = new ArrayList<>();
        lines.add("Application:   " + app.id() + (app.name() == null ? "" : " (" + app.name() + ")"));
        lines.add("State:         " + app.state() + (app.stateDetails() == null || app.stateDetails().isBlank() ? "" : " - " + app.stateDetails()));
        lines.add("Release:       " + app.releaseLabel() + ", " + app.type() + ", " + (app.architecture() == null ? "X86_64" : app.architecture()));
        if (app.initialCapacity().isEmpty()) {
            lines.add("Initial:       none (workers start on demand)");
        } else {
            app.initialCapacity().forEach((type, workers) -> lines.add(String.format("Initial:       %-9s %s", type, workers)));
        }
        lines.add("Maximum:       " + (app.maxCpu() == null ? "AWS default (account quota)"
                : app.maxCpu() + ", " + app.maxMemory() + (app.maxDisk() == null ? "" : ", " + app.maxDisk())));
        lines.add("Auto-start:    " + (app.autoStart() ? "on" : "off"));
        lines.add("Auto-stop:     " + (app.autoStop() ? "on, after " + app.idleTimeoutMinutes() + " idle minutes" : "off"));
        if (app.hasPreInitializedCapacity()) {
            lines.add(BILLING_NOTE);
        }
        return String.join(System.lineSeparator(), lines);
    }

    private static void putIfGiven(Map<String, String> options, String key, String value) {
        if (value != null) {
            options.put(key, value);
        }
    }

    /** The connected platform's application capacity, or one line saying the platform does not offer it. */
    private CapacityControl control(String command) {
        Platform platform = session.platform();
        return platform.capacity().orElseThrow(() -> new BenchboxException("'" + command + "' is not offered by the connected platform ("
                + platform.name() + "): it manages an EMR Serverless application; connect emr-serverless for it"));
    }

    @ShellMethodAvailability({"capacity", "capacity set", "capacity start", "capacity stop"})
    public Availability connected() {
        return session.isConnected() ? Availability.available()
                : Availability.unavailable("you are not connected (run 'connect emr-serverless ...' first)");
    }

}
