package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import java.nio.file.Path;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code script FILE}: replays a {@code .bbx} file inside the shell. */
@ShellComponent
public class ScriptCommands {
    private final ScriptRunner scripts;

    public ScriptCommands(ScriptRunner scripts) {
        this.scripts = scripts;
    }

    @ShellMethod(key = "script", value = "Replay a .bbx file: one command per line; stops at the first failing line.", group = "Session")
    public String script(
            @ShellOption(value = "--file", help = "the .bbx file") String file,
            @ShellOption(value = "--continue-on-error", defaultValue = "false", help = "go on after a failing line") boolean continueOnError) {
        ScriptRunner.Report report = scripts.run(Path.of(file), continueOnError);
        if (!report.succeeded()) {
            // the failing line was reported already; this marks the script command itself as failed
            throw new BenchboxException(file + ": " + report.failed() + " of " + report.executed() + " lines failed");
        }
        return file + ": " + report.executed() + " commands";
    }
}
